/**
 * Which fields of an object to keep: `true` keeps a value whole; a nested shape keeps only its
 * own fields, of an object or of every element of an array.
 *
 * @internal
 */
export type FieldShape = { readonly [field: string]: true | FieldShape };

/**
 * A copy of `value` with only the fields of `shape`. Values absent from the input stay absent
 * (not `undefined` members), so the copy serializes like the original minus the dropped fields.
 *
 * @internal
 */
export function pickFields(value: unknown, shape: FieldShape): unknown {
  if (Array.isArray(value)) {
    return value.map(element => pickFields(element, shape));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const field in shape) {
    if (!Object.prototype.hasOwnProperty.call(source, field)) continue;
    const inner = shape[field];
    const fieldValue = source[field];
    result[field] =
      inner === true || fieldValue === null || typeof fieldValue !== 'object'
        ? fieldValue
        : pickFields(fieldValue, inner);
  }
  return result;
}

// What `-common`'s status model reads (its `Kube*` shapes in status/kubernetes.ts), plus what the
// backend's other readers of the shared caches need. A field read by new code must be added here:
// the property test in trim.test.ts compares rows built from trimmed and untrimmed objects.
const META: FieldShape = {
  name: true,
  namespace: true,
  uid: true,
  resourceVersion: true,
  generation: true,
  labels: true,
  creationTimestamp: true,
  deletionTimestamp: true,
  ownerReferences: { uid: true, kind: true, name: true, controller: true },
};

const CONDITION: FieldShape = {
  type: true,
  status: true,
  reason: true,
  message: true,
  lastTransitionTime: true,
};

const TERMINATED: FieldShape = {
  exitCode: true,
  reason: true,
  message: true,
  startedAt: true,
  finishedAt: true,
};

// Not `containerID`, `imageID` nor `started`: no row shows them.
const CONTAINER_STATUS: FieldShape = {
  name: true,
  image: true,
  ready: true,
  restartCount: true,
  state: {
    running: { startedAt: true },
    waiting: { reason: true, message: true },
    terminated: TERMINATED,
  },
  lastState: { terminated: TERMINATED },
};

/** The fields of a node that are kept. @internal */
export const NODE_FIELDS: FieldShape = {
  metadata: META,
  spec: { unschedulable: true, taints: true },
  status: { conditions: CONDITION },
};

/** The fields of a pod that are kept. @internal */
export const POD_FIELDS: FieldShape = {
  metadata: META,
  spec: {
    nodeName: true,
    // A DaemonSet pod not scheduled yet names its node here (the controller's target node); the
    // rest of its placement (tolerations, selectors) is read from the DaemonSet, not the pod.
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: { matchFields: true },
        },
      },
    },
    containers: { name: true, image: true },
    initContainers: { name: true, image: true },
  },
  status: {
    phase: true,
    reason: true,
    message: true,
    startTime: true,
    conditions: CONDITION,
    containerStatuses: CONTAINER_STATUS,
    initContainerStatuses: CONTAINER_STATUS,
  },
};

/** The fields of a ControllerRevision that are kept: not its `data` (a whole pod template). */
export const CONTROLLER_REVISION_FIELDS: FieldShape = {
  metadata: META,
  revision: true,
};

/**
 * Cuts an object down to what the plugin reads before it enters a cache, as client-go's informer
 * transform functions do: a cached pod or node then costs a fraction of its JSON (no
 * `managedFields`, annotations, images, addresses, volumes, env...).
 *
 * @internal
 */
export type Trim<T> = (object: T) => T;

/** A {@link Trim} keeping the fields of `shape`. @internal */
export function trimTo<T>(shape: FieldShape): Trim<T> {
  return object => pickFields(object, shape) as T;
}
