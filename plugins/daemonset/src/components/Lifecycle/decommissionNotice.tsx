import { createContext, useContext } from 'react';
import Typography from '@material-ui/core/Typography';
import { DaemonSetDecommissionOutcome } from '@daemonsets/plugin-daemonset-common';

/**
 * Tells the tab that a DaemonSet was decommissioned: its view (and the actions in it) leaves the
 * page with the DaemonSet, so the tab shows what was deleted.
 */
export const DecommissionedContext = createContext<
  (outcome: DaemonSetDecommissionOutcome) => void
>(() => {});

/** The setter of {@link DecommissionedContext}. */
export const useOnDecommissioned = () => useContext(DecommissionedContext);

/** What a decommission deleted, in words. */
export function DecommissionText({
  outcome,
}: {
  outcome: DaemonSetDecommissionOutcome;
}) {
  return (
    <>
      Deleted DaemonSet {outcome.namespace}/{outcome.daemonSet}
      {outcome.services.length
        ? ` and Services ${outcome.services.join(', ')}`
        : ''}{' '}
      in {outcome.cluster}.
    </>
  );
}

/** The tab's notice of a decommissioned DaemonSet (same test id as the actions' outcome). */
export function DecommissionNotice({
  outcome,
}: {
  outcome: DaemonSetDecommissionOutcome;
}) {
  return (
    <Typography variant="body2" display="block" data-testid="lifecycle-outcome">
      <DecommissionText outcome={outcome} />
    </Typography>
  );
}
