import { createApiRef } from '@backstage/core-plugin-api';
import { EntityDaemonSetStatus } from '@daemonsets/plugin-daemonset-common';

/** A cluster the backend can read, without its URL or credentials. @public */
export interface ClusterSummary {
  name: string;
  title?: string;
}

/**
 * Reads DaemonSet status from the `daemonset` backend plugin.
 *
 * @public
 */
export interface DaemonSetApi {
  listClusters(): Promise<ClusterSummary[]>;
  getEntityStatus(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntityDaemonSetStatus>;
}

/** @public */
export const daemonSetApiRef = createApiRef<DaemonSetApi>({
  id: 'plugin.daemonset.api',
});
