import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { FleetView, readFleetView, writeFleetView } from './fleetViewParams';

/**
 * The tab's filters, sort, grouping and selection, kept in the URL's query (replacing the history
 * entry, so that typing in the search box does not fill the back button), so that a copied URL
 * opens the same view.
 */
export function useFleetView(): [
  FleetView,
  (change: Partial<FleetView>) => void,
] {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readFleetView(params), [params]);
  const update = useCallback(
    (change: Partial<FleetView>) =>
      setParams(current => writeFleetView(current, change), { replace: true }),
    [setParams],
  );
  return [view, update];
}
