import { createApiRef } from '@backstage/core-plugin-api';
import type { PodEventsSubscriber, PodLocator } from './podTroubleshooting';
import {
  ApprovalDecisionInput,
  ApprovalLiveObjects,
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalState,
  EntityDaemonSetStatus,
  PlacementPreview,
  PodEventList,
  PodLogQuery,
  PodRestartResult,
  WizardCluster,
  WizardKeyedObject,
  WizardNamespace,
} from '@daemonsets/plugin-daemonset-common';

/** A cluster the backend can read, without its URL or credentials. @public */
export interface ClusterSummary {
  /** The cluster's name in the backend configuration. */
  name: string;
  /** Its display name, when configured. */
  title?: string;
}

/** The entity whose DaemonSets are read. @public */
export interface DaemonSetEntityRef {
  /** Entity kind, e.g. `Component`. */
  kind: string;
  /** Entity namespace, e.g. `default`. */
  namespace: string;
  /** Entity name. */
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
 * Narrows {@link DaemonSetApi.listApprovalRequests}; every given field must match.
 *
 * @public
 */
export interface ApprovalRequestFilter {
  /** Only requests in this state, e.g. `pending`. */
  state?: ApprovalState;
  /** Only requests for this cluster. */
  cluster?: string;
  /** Only requests for DaemonSets in this namespace. */
  namespace?: string;
  /** Name of the DaemonSet. */
  name?: string;
  /** Catalog entity ref, e.g. `component:default/node-agent`. */
  entityRef?: string;
}

/**
 * Reads DaemonSet status from the `daemonset` backend plugin.
 *
 * @public
 */
export interface DaemonSetApi {
  /** The clusters configured in the backend. */
  listClusters(): Promise<ClusterSummary[]>;
  /** The clusters configured in the backend, each with its connection state. */
  listWizardClusters(): Promise<WizardCluster[]>;
  /** The namespaces of a cluster, each with what the approval policy says of it. */
  listNamespaces(cluster: string): Promise<WizardNamespace[]>;
  /** Names and key names (never values) of the Secrets of a namespace. */
  listSecrets(cluster: string, namespace: string): Promise<WizardKeyedObject[]>;
  /** Names and key names of the ConfigMaps of a namespace. */
  listConfigMaps(
    cluster: string,
    namespace: string,
  ): Promise<WizardKeyedObject[]>;
  /** The approval policy the `daemonset:generate` action applies. */
  getApprovalPolicy(): Promise<ApprovalPolicy>;
  /**
   * Where a DaemonSet with these wizard fields would run on `cluster`, and its fleet-wide cost.
   *
   * @param input - the wizard's form data so far (a partial DaemonSetInput).
   */
  previewPlacement(
    cluster: string,
    input: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ): Promise<PlacementPreview>;
  /** The entity's current status, once. */
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
  /** The approval requests the caller may read, newest first. */
  listApprovalRequests(
    filter?: ApprovalRequestFilter,
  ): Promise<ApprovalRequest[]>;
  /** One approval request; a `NotFoundError` response when missing or not readable. */
  getApprovalRequest(id: string): Promise<ApprovalRequest>;
  /** What runs now in the cluster for the request's objects, for the review diff. */
  getApprovalLiveObjects(id: string): Promise<ApprovalLiveObjects>;
  /** Approves or rejects a pending request; returns it as it is after the decision. */
  decideApprovalRequest(
    id: string,
    decision: ApprovalDecisionInput,
  ): Promise<ApprovalRequest>;
  /** Withdraws the caller's own pending request. */
  withdrawApprovalRequest(id: string): Promise<ApprovalRequest>;
  /** Applies a request whose apply failed again. */
  retryApprovalRequest(id: string): Promise<ApprovalRequest>;
  /** The Kubernetes events of one pod of the entity's DaemonSets (and of its node), newest first. */
  listPodEvents?(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
  ): Promise<PodEventList>;
  /** Follows those events live; returns a function that ends the subscription. */
  subscribeToPodEvents?(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
    subscriber: PodEventsSubscriber,
  ): () => void;
  /**
   * Reads a container's log, passing text to `onText` as it arrives; with `follow` it goes on
   * until `signal` aborts. Needs `daemonset.pod.logs.read`.
   */
  readPodLogs?(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
    query: PodLogQuery,
    onText: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /** The log as a file (a `Blob`) and its file name. */
  downloadPodLogs?(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
    query: PodLogQuery,
  ): Promise<{ blob: Blob; fileName: string }>;
  /** Deletes the pod so its DaemonSet recreates it. Needs `daemonset.pod.delete`. */
  restartPod?(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
  ): Promise<PodRestartResult>;
}

/**
 * The {@link DaemonSetApi}; both plugin variants register {@link DaemonSetClient} for it.
 *
 * @public
 */
export const daemonSetApiRef = createApiRef<DaemonSetApi>({
  id: 'plugin.daemonset.api',
});
