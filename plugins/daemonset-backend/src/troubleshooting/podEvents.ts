import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  isNodeCauseEvent,
  PodEvent,
  PodEventList,
} from '@daemonsets/plugin-daemonset-common';
import { abortable, clusterCallError } from './kubeCalls';

/** A time as a watch sends it (text) or as client-node's API classes read it (a Date). */
type KubeTime = string | Date | null;

/** An event object of the core/v1 API, the fields we read. @internal */
export interface KubeEvent {
  metadata?: { uid?: string; resourceVersion?: string };
  type?: string;
  reason?: string;
  message?: string;
  involvedObject?: { kind?: string; name?: string; namespace?: string };
  count?: number;
  firstTimestamp?: KubeTime;
  lastTimestamp?: KubeTime;
  eventTime?: KubeTime;
  series?: { count?: number; lastObservedTime?: KubeTime } | null;
  source?: { component?: string };
  reportingComponent?: string;
}

/** Most events read per object; a pod crash-looping for days has one event per reason. */
const EVENT_LIST_LIMIT = 500;

/**
 * Options of {@link listPodEvents}.
 *
 * @public
 */
export interface PodEventsOptions {
  /** Credentials and address of the cluster (e.g. `kubeConfigFor(cluster)` from -node). */
  kubeConfig: KubeConfig;
  /** The cluster's configured name, reported back and used in error messages. */
  cluster: string;
  namespace: string;
  pod: string;
  /**
   * The pod's node: its events that may explain the pod's trouble (not ready, pressure,
   * taints, any warning) are included.
   */
  node?: string;
  signal?: AbortSignal;
}

/** The field selector of the events about one object. @internal */
export function involvedObjectSelector(
  kind: 'Pod' | 'Node',
  name: string,
  namespace?: string,
): string {
  const parts = [`involvedObject.kind=${kind}`, `involvedObject.name=${name}`];
  if (namespace) parts.push(`involvedObject.namespace=${namespace}`);
  return parts.join(',');
}

function text(time: KubeTime | undefined): string | undefined {
  if (time instanceof Date) {
    return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
  }
  return time ?? undefined;
}

/** The event as the row detail shows it. @internal */
export function toPodEvent(event: KubeEvent): PodEvent {
  const kind = event.involvedObject?.kind === 'Node' ? 'Node' : 'Pod';
  const lastSeen = text(
    event.series?.lastObservedTime ??
      event.lastTimestamp ??
      event.eventTime ??
      event.firstTimestamp,
  );
  const firstSeen = text(event.firstTimestamp ?? event.eventTime);
  return {
    uid: event.metadata?.uid ?? '',
    type: event.type ?? 'Normal',
    reason: event.reason ?? '',
    message: event.message ?? '',
    involvedObject: { kind, name: event.involvedObject?.name ?? '' },
    count: event.series?.count ?? event.count ?? 1,
    ...(lastSeen ? { lastSeen } : {}),
    ...(firstSeen ? { firstSeen } : {}),
    ...(event.source?.component || event.reportingComponent
      ? { source: event.source?.component || event.reportingComponent }
      : {}),
  };
}

/** Newest first; events without a time last. @internal */
export function newestFirst(a: PodEvent, b: PodEvent): number {
  const ta = a.lastSeen ? Date.parse(a.lastSeen) : -Infinity;
  const tb = b.lastSeen ? Date.parse(b.lastSeen) : -Infinity;
  if (ta !== tb) return tb - ta;
  return a.uid < b.uid ? -1 : 1;
}

/**
 * Lists the Kubernetes events of one pod, plus those of its node that may explain the pod's
 * trouble (when `node` is given), newest first.
 *
 * @remarks
 * Reads with field selectors on the involved object, so only these events cross the wire.
 * Node events are read across namespaces, where the kubelet and the node controller record them.
 *
 * @throws NotFoundError, InputError or ServiceUnavailableError naming what could not be read
 * (never the API server's text).
 * @public
 */
export async function listPodEvents(
  options: PodEventsOptions,
): Promise<PodEventList> {
  const { kubeConfig, cluster, namespace, pod, node, signal } = options;
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const podEvents = api
    .listNamespacedEvent(
      {
        namespace,
        fieldSelector: involvedObjectSelector('Pod', pod, namespace),
        limit: EVENT_LIST_LIMIT,
      },
      abortable(signal),
    )
    .catch(error => {
      throw clusterCallError(
        `list the events of pod ${namespace}/${pod} in cluster '${cluster}'`,
        error,
      );
    });
  const nodeEvents = node
    ? api
        .listEventForAllNamespaces(
          {
            fieldSelector: involvedObjectSelector('Node', node),
            limit: EVENT_LIST_LIMIT,
          },
          abortable(signal),
        )
        .catch(error => {
          throw clusterCallError(
            `list the events of node ${node} in cluster '${cluster}'`,
            error,
          );
        })
    : Promise.resolve({ items: [] as KubeEvent[] });
  const [ofPod, ofNode] = await Promise.all([podEvents, nodeEvents]);
  const events = [
    ...(ofPod.items ?? []),
    ...(ofNode.items ?? []).filter(e => isNodeCauseEvent(e)),
  ]
    .map(toPodEvent)
    .sort(newestFirst);
  return { cluster, namespace, pod, ...(node ? { node } : {}), events };
}
