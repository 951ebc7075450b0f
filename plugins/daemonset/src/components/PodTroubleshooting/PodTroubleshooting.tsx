import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  daemonSetPodDeletePermission,
  daemonSetPodLogsReadPermission,
  NodeRow,
} from '@daemonsets/plugin-daemonset-common';
import {
  permissionApiRef,
  usePermission,
} from '@backstage/plugin-permission-react';
import { DaemonSetApi, daemonSetApiRef } from '../../api';
import { PodEventsPanel } from './PodEventsPanel';
import { PodLogsPanel } from './PodLogsPanel';
import {
  RestartPodButton,
  RestartPodOutcome,
  RestartPodOutcomeLine,
} from './RestartPodButton';
import { useOptionalEntity } from './useOptionalEntity';
import { entityRefOf, usePodLocator } from './usePodLocator';

/** Props of {@link PodTroubleshooting}. @public */
export interface PodTroubleshootingProps {
  row: NodeRow;
}

const Titled = (props: { title: string; children: React.ReactNode }) => (
  <section aria-label={props.title} style={{ marginTop: 16 }}>
    <Typography variant="subtitle2" gutterBottom>
      {props.title}
    </Typography>
    {props.children}
  </section>
);

const Panels = ({
  api,
  entity,
  row,
  onRestarted,
}: {
  api: DaemonSetApi;
  entity: Entity;
  row: NodeRow;
  onRestarted: (outcome: RestartPodOutcome) => void;
}) => {
  const resourceRef = stringifyEntityRef(entity);
  const logs = usePermission({
    permission: daemonSetPodLogsReadPermission,
    resourceRef,
  });
  const del = usePermission({
    permission: daemonSetPodDeletePermission,
    resourceRef,
  });
  const { locator, loading, error } = usePodLocator(api, entity, row);
  const entityRef = entityRefOf(entity);
  // While a replacement pod is looked up, keep the panels (and the restart outcome) shown.
  if (loading && !locator) return null;
  if (!locator) {
    return error ? (
      <Typography variant="body2" color="error">
        The pod's cluster could not be found: {error.message}
      </Typography>
    ) : null;
  }
  const containers = (row.pod?.containers ?? []).map(c => c.name);
  return (
    <Box data-testid="pod-troubleshooting">
      {del.allowed && api.restartPod && (
        <Box marginTop={2}>
          <RestartPodButton
            api={api}
            entityRef={entityRef}
            pod={locator}
            node={row.node.name}
            onOutcome={onRestarted}
          />
        </Box>
      )}
      <Titled title="Events">
        <PodEventsPanel api={api} entityRef={entityRef} pod={locator} />
      </Titled>
      {logs.allowed && api.readPodLogs && (
        <Titled title="Logs">
          <PodLogsPanel
            api={api}
            entityRef={entityRef}
            pod={locator}
            containers={containers}
          />
        </Titled>
      )}
    </Box>
  );
};

/**
 * Why a row's pod fails: its events, live; its container logs and a restart button for those
 * allowed (`daemonset.pod.logs.read`, `daemonset.pod.delete` on the entity). Renders nothing
 * for a row without a pod, or outside an entity page.
 *
 * @public
 */
export const PodTroubleshooting = ({ row }: PodTroubleshootingProps) => {
  const entity = useOptionalEntity();
  const apis = useApiHolder();
  const api = apis.get(daemonSetApiRef);
  // Kept here, not in the button: the deleted pod's panels unmount until its replacement shows.
  const [restarted, setRestarted] = useState<RestartPodOutcome>();
  const outcome = restarted && <RestartPodOutcomeLine outcome={restarted} />;
  if (!row.pod || !entity || !api || !apis.get(permissionApiRef)) {
    return outcome ?? null;
  }
  return (
    <>
      {outcome}
      <Panels api={api} entity={entity} row={row} onRestarted={setRestarted} />
    </>
  );
};
