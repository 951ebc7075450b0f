import { EmptyState, Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';
import { isDaemonSetAvailable } from '../../annotations';

/**
 * The DaemonSet tab of a catalog entity page.
 *
 * @public
 */
export const EntityDaemonSetContent = () => {
  const { entity } = useEntity();
  const api = useApi(daemonSetApiRef);
  const available = isDaemonSetAvailable(entity);
  const { value, loading, error } = useAsync(async () => {
    if (!available) return undefined;
    return api.getEntityStatus(getCompoundEntityRef(entity));
  }, [api, entity, available]);

  if (!available) {
    return (
      <EmptyState
        missing="field"
        title="No DaemonSet annotation"
        description="Add the backstage.io/kubernetes-id annotation (or backstage.io/kubernetes-label-selector) to this entity so the tab can find its DaemonSets."
      />
    );
  }
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;

  const daemonSets = value?.clusters.flatMap(c => c.daemonSets) ?? [];
  if (daemonSets.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No DaemonSet found"
        description="No DaemonSet in the configured clusters matches this entity's selector."
      />
    );
  }
  return (
    <ul>
      {daemonSets.map(ds => (
        <li key={`${ds.cluster}/${ds.daemonSet.namespace}/${ds.daemonSet.name}`}>
          {ds.cluster}: {ds.daemonSet.namespace}/{ds.daemonSet.name} —{' '}
          {ds.daemonSet.ready}/{ds.daemonSet.desired} ready
        </li>
      ))}
    </ul>
  );
};
