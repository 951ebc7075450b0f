import { Entity } from '@backstage/catalog-model';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import useAsync from 'react-use/esm/useAsync';
import { DaemonSetApi, DaemonSetEntityRef, PodLocator } from '../../api';

/** The entity as the API names it. */
export function entityRefOf(entity: Entity): DaemonSetEntityRef {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  };
}

/**
 * Finds the cluster of a row's pod: the row does not carry it, the entity's status does (a pod
 * name is unique within its namespace and cluster).
 */
export function usePodLocator(
  api: DaemonSetApi,
  entity: Entity,
  row: NodeRow,
): { locator?: PodLocator; loading: boolean; error?: Error } {
  const pod = row.pod;
  const state = useAsync(async () => {
    if (!pod) return undefined;
    const status = await api.getEntityStatus(entityRefOf(entity));
    const cluster = status.clusters.find(c =>
      c.daemonSets.some(d =>
        d.nodes.some(
          n => n.pod?.name === pod.name && n.pod.namespace === pod.namespace,
        ),
      ),
    );
    return cluster
      ? { cluster: cluster.cluster, namespace: pod.namespace, name: pod.name }
      : undefined;
  }, [api, entity, pod?.name, pod?.namespace]);
  return { locator: state.value, loading: state.loading, error: state.error };
}
