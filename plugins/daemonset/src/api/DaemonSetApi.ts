import { createApiRef } from '@backstage/core-plugin-api';
import { EntityDaemonSetStatus } from '@daemonsets/plugin-daemonset-common';

/** A cluster the backend can read, without its URL or credentials. @public */
export interface ClusterSummary {
  name: string;
  title?: string;
}

/** The entity whose DaemonSets are read. @public */
export interface DaemonSetEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/**
 * The state of the live channel of a {@link DaemonSetApi.subscribeToEntityStatus} subscription.
 *
 * - `connecting`: the first connection is being opened.
 * - `live`: connected; changes arrive as they happen.
 * - `reconnecting`: the connection dropped or could not be opened; a new attempt follows in
 *   `retryInMs`.
 * - `failed`: the backend refused the subscription (e.g. 401, 403, 404, 400); no retry.
 *
 * @public
 */
export type LiveConnectionState =
  | { state: 'connecting' }
  | { state: 'live' }
  | { state: 'reconnecting'; attempt: number; retryInMs: number; error?: Error }
  | { state: 'failed'; error: Error };

/** Callbacks of {@link DaemonSetApi.subscribeToEntityStatus}. @public */
export interface EntityStatusSubscriber {
  /** Called with the snapshot, then with every change. */
  onStatus(status: EntityDaemonSetStatus, meta: { id?: string }): void;
  /** Called whenever the live channel's state changes. */
  onConnectionChange?(state: LiveConnectionState): void;
}

/**
 * Reads DaemonSet status from the `daemonset` backend plugin.
 *
 * @public
 */
export interface DaemonSetApi {
  listClusters(): Promise<ClusterSummary[]>;
  getEntityStatus(
    entityRef: DaemonSetEntityRef,
  ): Promise<EntityDaemonSetStatus>;
  /**
   * Follows the entity's status live over Server-Sent Events: a snapshot first, then every
   * change. Reconnects with backoff, resuming with `Last-Event-ID`.
   *
   * @returns a function that ends the subscription.
   */
  subscribeToEntityStatus(
    entityRef: DaemonSetEntityRef,
    subscriber: EntityStatusSubscriber,
  ): () => void;
}

/** @public */
export const daemonSetApiRef = createApiRef<DaemonSetApi>({
  id: 'plugin.daemonset.api',
});
