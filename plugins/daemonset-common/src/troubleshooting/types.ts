/**
 * One Kubernetes event about a pod, or about the node it runs on, as the row detail shows it.
 *
 * @public
 */
export interface PodEvent {
  /** The event object's uid (stable across updates of its count). */
  uid: string;
  /** `Normal` or `Warning`. */
  type: string;
  /** Machine-readable reason, e.g. `BackOff`, `NodeNotReady`. */
  reason: string;
  /** Human-readable description. */
  message: string;
  /** What the event is about: the pod itself or its node. */
  involvedObject: { kind: 'Pod' | 'Node'; name: string };
  /** How many times it happened. */
  count: number;
  /** When it was last seen (ISO 8601), the key events are sorted by (newest first). */
  lastSeen?: string;
  /** When it was first seen (ISO 8601). */
  firstSeen?: string;
  /** The component that reported it, e.g. `kubelet`. */
  source?: string;
}

/**
 * The events of one pod (and of its node when the node is the likely cause), newest first.
 *
 * @public
 */
export interface PodEventList {
  /** Cluster name, as configured in the portal. */
  cluster: string;
  /** Namespace of the pod. */
  namespace: string;
  /** Name of the pod. */
  pod: string;
  /** The pod's node, when its events are included. */
  node?: string;
  /** Newest first. */
  events: PodEvent[];
}

/**
 * Answer of a pod restart: the deleted pod, so the caller can tell its replacement apart.
 *
 * @public
 */
export interface PodRestartResult {
  /** Cluster name, as configured in the portal. */
  cluster: string;
  /** Namespace of the pod. */
  namespace: string;
  /** Name of the pod that was deleted. */
  pod: string;
  /** uid of the pod that was deleted. */
  uid: string;
  /** The node the pod ran on. */
  node?: string;
}

/**
 * Query of a container log read.
 *
 * @public
 */
export interface PodLogQuery {
  /** Container name; the pod's first container when left out. */
  container?: string;
  /** The previous (terminated) instance of the container. */
  previous?: boolean;
  /** Keep the stream open and send new lines as they are written. */
  follow?: boolean;
  /** Only the last N lines. */
  tailLines?: number;
  /** At most this many bytes (the server caps it). */
  limitBytes?: number;
}
