import { useMemo, useState } from 'react';
import { DaemonSetDecommissionOutcome } from '@daemonsets/plugin-daemonset-common';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { isDaemonSetAvailable } from '../../annotations';
import { useEntityDaemonSetStatus } from '../shared/useEntityDaemonSetStatus';
import { LiveIndicator } from '../LiveIndicator';
import { ClusterSection } from '../ClusterSection';
import {
  MissingAnnotationState,
  NoDaemonSetFoundState,
  StatusErrorState,
} from '../EmptyStates';
import { formatDateTime } from '../shared/format';
import { useLayoutStyles } from '../shared/layoutStyles';
import { PendingApprovalBanner } from '../Approvals/PendingApprovalBanner';
import {
  DecommissionedContext,
  DecommissionNotice,
} from '../Lifecycle/decommissionNotice';

/**
 * The DaemonSet tab of a catalog entity page: live per-node status of the entity's DaemonSets in
 * every cluster.
 *
 * @public
 */
export const EntityDaemonSetContent = () => {
  const layout = useLayoutStyles();
  const { entity } = useEntity();
  const [decommissioned, setDecommissioned] =
    useState<DaemonSetDecommissionOutcome>();
  const available = isDaemonSetAvailable(entity);
  const { status, loading, error, connection } = useEntityDaemonSetStatus(
    available ? getCompoundEntityRef(entity) : undefined,
  );
  // Display titles of the clusters; the names are shown when this fails.
  const api = useApi(daemonSetApiRef);
  const { value: clusterList } = useAsync(
    async () => (available ? api.listClusters().catch(() => []) : []),
    [api, available],
  );
  const titles = useMemo(
    () => new Map((clusterList ?? []).map(c => [c.name, c.title ?? c.name])),
    [clusterList],
  );
  // The same elements while neither the status nor the titles change, so that React skips the
  // clusters (and their thousands of nodes) when something else re-renders the tab, e.g. the
  // live channel's connection state.
  const sections = useMemo(
    () =>
      (status?.clusters ?? []).map(cluster => (
        <ClusterSection
          key={cluster.cluster}
          cluster={cluster}
          title={titles.get(cluster.cluster)}
        />
      )),
    [status, titles],
  );
  const daemonSetKeys = useMemo(
    () =>
      (status?.clusters ?? []).flatMap(c =>
        c.daemonSets.map(d => ({
          cluster: c.cluster,
          namespace: d.daemonSet.namespace,
          name: d.daemonSet.name,
        })),
      ),
    [status],
  );

  let body: JSX.Element;
  if (!available) {
    body = <MissingAnnotationState entity={entity} />;
  } else if (!status && loading) {
    body = <Progress />;
  } else if (!status) {
    body = error ? (
      <StatusErrorState error={error} />
    ) : (
      <StatusErrorState
        error={
          connection.state === 'failed'
            ? connection.error
            : new Error('No data')
        }
      />
    );
  } else {
    const clusters = status.clusters ?? [];
    const anyDaemonSet = clusters.some(c => c.daemonSets.length > 0);
    const anyClusterProblem = clusters.some(
      c => c.error || c.connection.state !== 'connected',
    );
    body =
      !anyDaemonSet && !anyClusterProblem ? (
        <NoDaemonSetFoundState
          entity={entity}
          clusters={clusters.map(c => c.cluster)}
        />
      ) : (
        <>{sections}</>
      );
  }

  return (
    <div data-testid="daemonset-tab-content">
      {available && (
        <div className={layout.toolbar}>
          <Typography variant="body2">
            {status
              ? `Status generated ${formatDateTime(status.generatedAt)}`
              : ''}
          </Typography>
          {(status || loading) && (
            <LiveIndicator connection={connection} asOf={status?.generatedAt} />
          )}
        </div>
      )}
      {available && (
        <PendingApprovalBanner
          entityRef={stringifyEntityRef(entity)}
          daemonSets={daemonSetKeys}
        />
      )}
      {decommissioned && <DecommissionNotice outcome={decommissioned} />}
      <DecommissionedContext.Provider value={setDecommissioned}>
        {body}
      </DecommissionedContext.Provider>
    </div>
  );
};
