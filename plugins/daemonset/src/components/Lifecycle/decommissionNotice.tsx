import { createContext, useContext } from 'react';
import Typography from '@material-ui/core/Typography';
import { DaemonSetDecommissionOutcome } from '@daemonsets/plugin-daemonset-common';

/**
 * Tells the tab that a DaemonSet was decommissioned: its view (and the actions in it) leaves the
 * page with the DaemonSet, so the tab, not the actions, shows what was deleted.
 */
export const DecommissionedContext = createContext<
  (outcome: DaemonSetDecommissionOutcome) => void
>(() => {});

/** The setter of {@link DecommissionedContext}. */
export const useOnDecommissioned = () => useContext(DecommissionedContext);

/** The tab's notice of a decommissioned DaemonSet: what was deleted. */
export function DecommissionNotice({
  outcome,
}: {
  outcome: DaemonSetDecommissionOutcome;
}) {
  return (
    <Typography variant="body2" display="block" data-testid="lifecycle-outcome">
      Deleted DaemonSet {outcome.namespace}/{outcome.daemonSet}
      {outcome.services.length
        ? ` and Services ${outcome.services.join(', ')}`
        : ''}{' '}
      in {outcome.cluster}.
    </Typography>
  );
}
