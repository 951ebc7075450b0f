/**
 * What the entity tab shows for one node and one DaemonSet.
 *
 * - `ok`: eligible, pod ready on the current revision.
 * - `progressing`: eligible, pod starting or on an old revision during a rollout.
 * - `failing`: eligible, pod not ready with an error (image pull, crash loop, failed phase...).
 * - `missing`: eligible, but no pod on the node.
 * - `misscheduled`: a pod runs on a node where the DaemonSet should not run.
 * - `notEligible`: the DaemonSet should not run there, and no pod does.
 *
 * @public
 */
export type Verdict =
  | 'ok'
  | 'progressing'
  | 'failing'
  | 'missing'
  | 'misscheduled'
  | 'notEligible';

/** A node taint as the tab displays it. @public */
export interface TaintInfo {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A node condition as the tab displays it. @public */
export interface NodeConditionInfo {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

/** The node part of a {@link NodeRow}. @public */
export interface NodeInfo {
  name: string;
  /** The node's Ready condition is True. */
  ready: boolean;
  /** The node is not cordoned (`spec.unschedulable` is not set). */
  schedulable: boolean;
  /** A chosen subset of labels (zone, instance type, pool, role, os, arch). */
  labels: Record<string, string>;
  taints: TaintInfo[];
  conditions: NodeConditionInfo[];
}

/** Whether the DaemonSet should run a pod on a node, and why not. @public */
export interface Eligibility {
  eligible: boolean;
  /** Human-readable reasons when not eligible, e.g. "taint dedicated=gpu:NoSchedule not tolerated". */
  reasons: string[];
  /**
   * Whether the controller leaves an existing pod running on the node: true when eligible, and
   * also when the only untolerated taints are `NoSchedule` ones (such a pod is still counted as
   * misscheduled). Absent when unknown.
   */
  shouldContinueRunning?: boolean;
}

/** The state of one container of a pod. @public */
export interface ContainerStatusInfo {
  name: string;
  /** An init container (including restartable "sidecar" init containers). */
  init?: boolean;
  image: string;
  ready: boolean;
  restartCount: number;
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** Waiting or terminated reason, e.g. CrashLoopBackOff, ImagePullBackOff, OOMKilled. */
  reason?: string;
  message?: string;
  startedAt?: string;
  /** The exit code, when terminated. */
  exitCode?: number;
  lastTermination?: {
    reason?: string;
    exitCode?: number;
    finishedAt?: string;
  };
}

/** The pod part of a {@link NodeRow}. @public */
export interface PodInfo {
  name: string;
  namespace: string;
  phase: string;
  ready: boolean;
  restarts: number;
  /** The most telling waiting or terminated reason among the containers, if any. */
  reason?: string;
  message?: string;
  startTime?: string;
  /** The pod's creation time. */
  createdAt?: string;
  /** Since when the pod has been ready (the Ready condition's last transition), when ready. */
  readySince?: string;
  /**
   * The node the pod runs on, or, while not yet scheduled, the node the DaemonSet controller
   * targets through the pod's node affinity.
   */
  nodeName?: string;
  /** The pod's `controller-revision-hash` label. */
  revision?: string;
  /**
   * Whether the pod runs the DaemonSet's current revision. True as well when the current
   * revision is unknown (no ControllerRevision readable), so as not to report a rollout forever.
   */
  currentRevision: boolean;
  deleting: boolean;
  containers: ContainerStatusInfo[];
}

/** One row of the per-node table. @public */
export interface NodeRow {
  node: NodeInfo;
  eligibility: Eligibility;
  /** The DaemonSet's pod on this node; absent when there is none. */
  pod?: PodInfo;
  /**
   * How many other pods of the DaemonSet are on the node besides `pod` (old and new pods during
   * a surge rollout, pods being deleted). Absent when none.
   */
  extraPods?: number;
  verdict: Verdict;
  /** A short explanation of the verdict, e.g. "container agent: CrashLoopBackOff". */
  reason?: string;
}

/** The DaemonSet's own status and spec highlights. @public */
export interface DaemonSetSummary {
  name: string;
  namespace: string;
  uid: string;
  generation: number;
  observedGeneration: number;
  desired: number;
  current: number;
  ready: number;
  updated: number;
  available: number;
  unavailable: number;
  misscheduled: number;
  updateStrategy: {
    type: 'RollingUpdate' | 'OnDelete';
    maxUnavailable?: string | number;
    maxSurge?: string | number;
  };
  /** The name hash of the current ControllerRevision (the `controller-revision-hash` of new pods). */
  currentRevision?: string;
  images: string[];
  createdAt?: string;
}

/** The health of the connection to one cluster. @public */
export type ConnectionState =
  | { state: 'connected'; since: string }
  | { state: 'reconnecting'; since: string; reason?: string }
  | { state: 'failed'; since: string; reason: string };

/** The live status of one DaemonSet in one cluster. @public */
export interface DaemonSetStatusReport {
  cluster: string;
  daemonSet: DaemonSetSummary;
  nodes: NodeRow[];
  counts: Record<Verdict, number>;
  /**
   * Pods of the DaemonSet that belong to no row: pods neither bound to a node nor targeting one,
   * and pods on (or targeting) a node missing from the node list, e.g. a deleted node.
   */
  unscheduledPods?: PodInfo[];
  connection: ConnectionState;
  /** When the backend's cache last changed for this DaemonSet. */
  observedAt: string;
}

/** Everything the tab shows for one cluster, including failures to read it. @public */
export interface ClusterStatus {
  cluster: string;
  connection: ConnectionState;
  daemonSets: DaemonSetStatusReport[];
  /** Present when the cluster could not be read; the other clusters are still reported. */
  error?: { message: string };
}

/** The answer of `GET /entity/:namespace/:kind/:name/status`. @public */
export interface EntityDaemonSetStatus {
  entityRef: string;
  clusters: ClusterStatus[];
  generatedAt: string;
}
