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
  /** Taint key. */
  key: string;
  /** Taint value. */
  value?: string;
  /** Taint effect. */
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** A node condition as the tab displays it. @public */
export interface NodeConditionInfo {
  /** Condition type, e.g. `Ready`, `MemoryPressure`. */
  type: string;
  /** Condition status. */
  status: 'True' | 'False' | 'Unknown';
  /** Reason of the last transition. */
  reason?: string;
  /** Human-readable message. */
  message?: string;
  /** When the status last changed (ISO 8601). */
  lastTransitionTime?: string;
}

/** The node part of a {@link NodeRow}. @public */
export interface NodeInfo {
  /** Node name. */
  name: string;
  /** The node's Ready condition is True. */
  ready: boolean;
  /** The node is not cordoned (`spec.unschedulable` is not set). */
  schedulable: boolean;
  /** A chosen subset of labels (zone, instance type, pool, role, os, arch). */
  labels: Record<string, string>;
  /** The node's taints. */
  taints: TaintInfo[];
  /**
   * The node's conditions that need attention: `Ready` when not `True`, any other condition
   * when not `False`. Empty for a healthy node.
   */
  conditions: NodeConditionInfo[];
}

/** Whether the DaemonSet should run a pod on a node, and why not. @public */
export interface Eligibility {
  /** Whether the DaemonSet should run a pod on the node. */
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
  /** Container name. */
  name: string;
  /** An init container (including restartable "sidecar" init containers). */
  init?: boolean;
  /** Image the container runs. */
  image: string;
  /** Whether the container is ready. */
  ready: boolean;
  /** How many times the container restarted. */
  restartCount: number;
  /** Current state. */
  state: 'running' | 'waiting' | 'terminated' | 'unknown';
  /** Waiting or terminated reason, e.g. CrashLoopBackOff, ImagePullBackOff, OOMKilled. */
  reason?: string;
  /** Message of the waiting or terminated state. */
  message?: string;
  /** When the running container started (ISO 8601). */
  startedAt?: string;
  /** The exit code, when terminated. */
  exitCode?: number;
  /** How the previous run ended, when it restarted. */
  lastTermination?: {
    reason?: string;
    exitCode?: number;
    finishedAt?: string;
  };
}

/** The pod part of a {@link NodeRow}. @public */
export interface PodInfo {
  /** Pod name. */
  name: string;
  /** Pod namespace. */
  namespace: string;
  /** Pod phase: `Pending`, `Running`, `Succeeded`, `Failed` or `Unknown`. */
  phase: string;
  /** Whether the pod's Ready condition is True. */
  ready: boolean;
  /** Restarts of all its containers. */
  restarts: number;
  /** The most telling waiting or terminated reason among the containers, if any. */
  reason?: string;
  /** Message that goes with `reason`. */
  message?: string;
  /** When the kubelet accepted the pod (ISO 8601). */
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
  /** Whether the pod is being deleted. */
  deleting: boolean;
  /** Its containers, init containers first. */
  containers: ContainerStatusInfo[];
}

/** One row of the per-node table. @public */
export interface NodeRow {
  /** The node. */
  node: NodeInfo;
  /** Whether the DaemonSet should run there, and why not. */
  eligibility: Eligibility;
  /** The DaemonSet's pod on this node; absent when there is none. */
  pod?: PodInfo;
  /**
   * How many other pods of the DaemonSet are on the node besides `pod` (old and new pods during
   * a surge rollout, pods being deleted). Absent when none.
   */
  extraPods?: number;
  /** What the tab shows for the node. */
  verdict: Verdict;
  /** A short explanation of the verdict, e.g. "container agent: CrashLoopBackOff". */
  reason?: string;
}

/** The DaemonSet's own status and spec highlights. @public */
export interface DaemonSetSummary {
  /** DaemonSet name. */
  name: string;
  /** DaemonSet namespace. */
  namespace: string;
  /** DaemonSet UID. */
  uid: string;
  /** `metadata.generation`. */
  generation: number;
  /** `status.observedGeneration`: the generation the controller has acted on. */
  observedGeneration: number;
  /** `status.desiredNumberScheduled`: nodes that should run a pod. */
  desired: number;
  /** `status.currentNumberScheduled`: eligible nodes running a pod. */
  current: number;
  /** `status.numberReady`. */
  ready: number;
  /** `status.updatedNumberScheduled`: nodes running the current revision. */
  updated: number;
  /** `status.numberAvailable`. */
  available: number;
  /** `status.numberUnavailable`. */
  unavailable: number;
  /** `status.numberMisscheduled`: nodes running a pod they should not. */
  misscheduled: number;
  /** `spec.updateStrategy`. */
  updateStrategy: {
    type: 'RollingUpdate' | 'OnDelete';
    maxUnavailable?: string | number;
    maxSurge?: string | number;
  };
  /** The name hash of the current ControllerRevision (the `controller-revision-hash` of new pods). */
  currentRevision?: string;
  /** Images of the pod template's containers. */
  images: string[];
  /** Creation time (ISO 8601). */
  createdAt?: string;
  /** Where the pod template asks to run; absent from older backends. */
  placement?: PlacementSummary;
}

/** The placement rules of a DaemonSet's pod template, as the tab shows them. @public */
export interface PlacementSummary {
  /** `spec.template.spec.nodeSelector`. */
  nodeSelector: Record<string, string>;
  /** The template's tolerations, each as `key=value:Effect` (`*` for an empty key). */
  tolerations: string[];
  /** Whether a required node affinity narrows the nodes further. */
  requiredNodeAffinity: boolean;
}

/** The health of the connection to one cluster. @public */
export type ConnectionState =
  | { state: 'connected'; since: string }
  | { state: 'reconnecting'; since: string; reason?: string }
  | { state: 'failed'; since: string; reason: string };

/** The live status of one DaemonSet in one cluster. @public */
export interface DaemonSetStatusReport {
  /** Name of the configured cluster. */
  cluster: string;
  /** The DaemonSet's summary. */
  daemonSet: DaemonSetSummary;
  /** One row per node, most urgent verdicts first. */
  nodes: NodeRow[];
  /** How many rows have each verdict. */
  counts: Record<Verdict, number>;
  /**
   * Pods of the DaemonSet that belong to no row: pods neither bound to a node nor targeting one,
   * and pods on (or targeting) a node missing from the node list, e.g. a deleted node.
   */
  unscheduledPods?: PodInfo[];
  /** The health of the connection to the cluster. */
  connection: ConnectionState;
  /**
   * When the backend's cache last changed for this DaemonSet. A change that alters nothing else
   * in the report (a field the backend does not keep) does not make a new report, so this is
   * the time of the last change the report shows.
   */
  observedAt: string;
}

/** Everything the tab shows for one cluster, including failures to read it. @public */
export interface ClusterStatus {
  /** Name of the configured cluster. */
  cluster: string;
  /** The health of the connection to the cluster. */
  connection: ConnectionState;
  /** The entity's DaemonSets in this cluster. */
  daemonSets: DaemonSetStatusReport[];
  /** Present when the cluster could not be read; the other clusters are still reported. */
  error?: { message: string };
}

/** The answer of `GET /entity/:namespace/:kind/:name/status`. @public */
export interface EntityDaemonSetStatus {
  /** The entity, e.g. `component:default/node-agent`. */
  entityRef: string;
  /** One entry per cluster of the entity's scope. */
  clusters: ClusterStatus[];
  /** When the status was built (ISO 8601). */
  generatedAt: string;
}
