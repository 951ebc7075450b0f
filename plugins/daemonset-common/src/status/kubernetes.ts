/**
 * Minimal structural shapes of the Kubernetes objects the status model reads.
 *
 * Only the fields the model reads are declared, all optional where the API allows it, so that
 * both plain JSON from the API server and the `V1Node`/`V1Pod`/`V1DaemonSet`/
 * `V1ControllerRevision` objects of `@kubernetes/client-node` (which turn timestamps into `Date`
 * and `IntOrString` into `number | string`) can be passed without conversion.
 */

/**
 * A timestamp as JSON (RFC 3339 string) or as deserialised by `@kubernetes/client-node` (`Date`).
 *
 * @public
 */
export type KubeTime = string | Date;

/** A reference from an object to its owner. @public */
export interface KubeOwnerReference {
  /** UID of the owner. */
  uid: string;
  /** Kind of the owner, e.g. `DaemonSet`. */
  kind?: string;
  /** Name of the owner. */
  name?: string;
  /** Whether the owner is the managing controller. */
  controller?: boolean;
}

/** The metadata fields the status model reads. @public */
export interface KubeObjectMeta {
  /** `metadata.name`. */
  name?: string;
  /** `metadata.namespace`; absent for cluster-scoped objects. */
  namespace?: string;
  /** `metadata.uid`. */
  uid?: string;
  /** `metadata.resourceVersion`: changes with every change of the object. */
  resourceVersion?: string;
  /** `metadata.generation`: bumped by the API server on every spec change. */
  generation?: number;
  /** `metadata.labels`. */
  labels?: { [key: string]: string };
  /** `metadata.annotations`. */
  annotations?: { [key: string]: string };
  /** `metadata.creationTimestamp`. */
  creationTimestamp?: KubeTime;
  /** `metadata.deletionTimestamp`: set while the object is being deleted. */
  deletionTimestamp?: KubeTime;
  /** `metadata.ownerReferences`. */
  ownerReferences?: KubeOwnerReference[];
}

/** A node taint. @public */
export interface KubeTaint {
  /** Taint key. */
  key: string;
  /** Taint value. */
  value?: string;
  /** `NoSchedule`, `PreferNoSchedule` or `NoExecute`. */
  effect: string;
}

/** A pod toleration. @public */
export interface KubeToleration {
  /** Taint key tolerated; empty with operator `Exists` tolerates every taint. */
  key?: string;
  /** `Equal` (default) or `Exists`. */
  operator?: string;
  /** Taint value tolerated with operator `Equal`. */
  value?: string;
  /** Taint effect tolerated; empty tolerates every effect. */
  effect?: string;
  /** How long a `NoExecute` taint is tolerated. */
  tolerationSeconds?: number;
}

/** One requirement of a node selector term. @public */
export interface KubeNodeSelectorRequirement {
  /** Label (or field, in `matchFields`) key. */
  key: string;
  /** `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt` or `Lt`. */
  operator: string;
  /** Values compared by the operator. */
  values?: string[];
}

/** One term of a node selector; its requirements are ANDed. @public */
export interface KubeNodeSelectorTerm {
  /** Requirements on node labels. */
  matchExpressions?: KubeNodeSelectorRequirement[];
  /** Requirements on node fields (only `metadata.name` is supported by Kubernetes). */
  matchFields?: KubeNodeSelectorRequirement[];
}

/** The scheduling fields of a pod spec the model reads. @public */
export interface KubeAffinity {
  /** Node affinity; only the required part decides where a DaemonSet runs. */
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: {
      nodeSelectorTerms: KubeNodeSelectorTerm[];
    };
  };
}

/** A container of a pod spec. @public */
export interface KubeContainer {
  /** Container name. */
  name: string;
  /** Container image reference. */
  image?: string;
}

/** The pod spec fields the model reads. @public */
export interface KubePodSpec {
  /** The node the pod is bound to. */
  nodeName?: string;
  /** Labels a node must have. */
  nodeSelector?: { [key: string]: string };
  /** Scheduling affinity. */
  affinity?: KubeAffinity;
  /** Taints the pod tolerates. */
  tolerations?: KubeToleration[];
  /** Whether the pod uses the node's network (then it needs free host ports). */
  hostNetwork?: boolean;
  /** The containers. */
  containers?: KubeContainer[];
  /** The init containers. */
  initContainers?: KubeContainer[];
}

/** A node or pod condition. @public */
export interface KubeCondition {
  /** Condition type, e.g. `Ready`. */
  type: string;
  /** `True`, `False` or `Unknown`. */
  status: string;
  /** Machine-readable reason of the last transition. */
  reason?: string;
  /** Human-readable message. */
  message?: string;
  /** When the status last changed. */
  lastTransitionTime?: KubeTime;
}

/** A node. @public */
export interface KubeNode {
  /** Node metadata. */
  metadata?: KubeObjectMeta;
  /** Node spec: cordon and taints. */
  spec?: {
    unschedulable?: boolean;
    taints?: KubeTaint[];
  };
  /** Node status: conditions. */
  status?: {
    conditions?: KubeCondition[];
  };
}

/** The state of a container. @public */
export interface KubeContainerState {
  /** Set while the container runs. */
  running?: { startedAt?: KubeTime };
  /** Set while the container waits, e.g. `ImagePullBackOff`. */
  waiting?: { reason?: string; message?: string };
  /** Set when the container has terminated. */
  terminated?: {
    exitCode: number;
    reason?: string;
    message?: string;
    startedAt?: KubeTime;
    finishedAt?: KubeTime;
  };
}

/** The status of a container of a pod. @public */
export interface KubeContainerStatus {
  /** Container name. */
  name: string;
  /** Image the container runs. */
  image: string;
  /** Whether the container passes its readiness probe. */
  ready: boolean;
  /** How many times the container restarted. */
  restartCount: number;
  /** Whether the container passed its startup probe. */
  started?: boolean;
  /** Current state. */
  state?: KubeContainerState;
  /** State of the previous run, e.g. the last termination. */
  lastState?: KubeContainerState;
}

/** A pod. @public */
export interface KubePod {
  /** Pod metadata. */
  metadata?: KubeObjectMeta;
  /** Pod spec. */
  spec?: KubePodSpec;
  /** Pod status: phase, conditions and container statuses. */
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    startTime?: KubeTime;
    conditions?: KubeCondition[];
    containerStatuses?: KubeContainerStatus[];
    initContainerStatuses?: KubeContainerStatus[];
  };
}

/** A DaemonSet. @public */
export interface KubeDaemonSet {
  /** DaemonSet metadata. */
  metadata?: KubeObjectMeta;
  /** DaemonSet spec: pod template, update strategy, `minReadySeconds`. */
  spec?: {
    minReadySeconds?: number;
    revisionHistoryLimit?: number;
    template: {
      metadata?: KubeObjectMeta;
      spec?: KubePodSpec;
    };
    updateStrategy?: {
      type?: string;
      rollingUpdate?: {
        maxUnavailable?: number | string;
        maxSurge?: number | string;
      };
    };
  };
  /** DaemonSet status as the controller counts it. */
  status?: {
    currentNumberScheduled?: number;
    desiredNumberScheduled?: number;
    numberMisscheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
    updatedNumberScheduled?: number;
    observedGeneration?: number;
    collisionCount?: number;
  };
}

/** A ControllerRevision: one snapshot of a DaemonSet's pod template. @public */
export interface KubeControllerRevision {
  /** ControllerRevision metadata; its `controller-revision-hash` label names the revision. */
  metadata?: KubeObjectMeta;
  /** Revision number; the highest is the current template. */
  revision: number;
}

/** Label the DaemonSet controller puts on pods and ControllerRevisions: the template hash. @public */
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

/** Converts a {@link KubeTime} to an ISO 8601 string. @internal */
export function toIsoTime(time: KubeTime | undefined): string | undefined {
  if (time === undefined || time === null) {
    return undefined;
  }
  if (typeof time === 'string') {
    return time;
  }
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** Milliseconds since the epoch of a {@link KubeTime}, or NaN. @internal */
export function toMillis(time: KubeTime | undefined): number {
  if (time === undefined || time === null) {
    return NaN;
  }
  return typeof time === 'string' ? Date.parse(time) : time.getTime();
}

/** Whether an object is owned by the object with the given uid. @internal */
export function isOwnedBy(
  meta: KubeObjectMeta | undefined,
  ownerUid: string | undefined,
): boolean {
  if (!ownerUid) {
    return false;
  }
  const refs = meta?.ownerReferences;
  if (!refs) {
    return false;
  }
  for (const ref of refs) {
    if (ref.uid === ownerUid) {
      return true;
    }
  }
  return false;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Parses an int64 written canonically (no sign but '-', no leading zero), as the numeric
 * toleration operators require of toleration and taint values; undefined otherwise. @internal
 */
export function parseCanonicalInt64(
  value: string | undefined,
): bigint | undefined {
  return value !== undefined && /^(0|-?[1-9]\d*)$/.test(value)
    ? parseInt64(value)
    : undefined;
}

/** Parses a decimal int64 as Go's `strconv.ParseInt(s, 10, 64)`; undefined when it fails. @internal */
export function parseInt64(value: string | undefined): bigint | undefined {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) {
    return undefined;
  }
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}
