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
  uid: string;
  kind?: string;
  name?: string;
  controller?: boolean;
}

/** The metadata fields the status model reads. @public */
export interface KubeObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
  creationTimestamp?: KubeTime;
  deletionTimestamp?: KubeTime;
  ownerReferences?: KubeOwnerReference[];
}

/** A node taint. @public */
export interface KubeTaint {
  key: string;
  value?: string;
  effect: string;
}

/** A pod toleration. @public */
export interface KubeToleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** One requirement of a node selector term. @public */
export interface KubeNodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

/** One term of a node selector; its requirements are ANDed. @public */
export interface KubeNodeSelectorTerm {
  matchExpressions?: KubeNodeSelectorRequirement[];
  matchFields?: KubeNodeSelectorRequirement[];
}

/** The scheduling fields of a pod spec the model reads. @public */
export interface KubeAffinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: {
      nodeSelectorTerms: KubeNodeSelectorTerm[];
    };
  };
}

/** A container of a pod spec. @public */
export interface KubeContainer {
  name: string;
  image?: string;
}

/** The pod spec fields the model reads. @public */
export interface KubePodSpec {
  nodeName?: string;
  nodeSelector?: { [key: string]: string };
  affinity?: KubeAffinity;
  tolerations?: KubeToleration[];
  hostNetwork?: boolean;
  containers?: KubeContainer[];
  initContainers?: KubeContainer[];
}

/** A node or pod condition. @public */
export interface KubeCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: KubeTime;
}

/** A node. @public */
export interface KubeNode {
  metadata?: KubeObjectMeta;
  spec?: {
    unschedulable?: boolean;
    taints?: KubeTaint[];
  };
  status?: {
    conditions?: KubeCondition[];
  };
}

/** The state of a container. @public */
export interface KubeContainerState {
  running?: { startedAt?: KubeTime };
  waiting?: { reason?: string; message?: string };
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
  name: string;
  image: string;
  ready: boolean;
  restartCount: number;
  started?: boolean;
  state?: KubeContainerState;
  lastState?: KubeContainerState;
}

/** A pod. @public */
export interface KubePod {
  metadata?: KubeObjectMeta;
  spec?: KubePodSpec;
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
  metadata?: KubeObjectMeta;
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
  metadata?: KubeObjectMeta;
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

/** Parses a decimal int64 as Go's `strconv.ParseInt(s, 10, 64)`; undefined when it fails. @internal */
export function parseInt64(value: string | undefined): bigint | undefined {
  if (value === undefined || !/^[+-]?\d+$/.test(value)) {
    return undefined;
  }
  const parsed = BigInt(value);
  return parsed < INT64_MIN || parsed > INT64_MAX ? undefined : parsed;
}
