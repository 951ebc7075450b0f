const SHARED = Symbol('shared');
const WHERE = Symbol('where');

/**
 * A field kept as `shape` says, one object for every equal value (see {@link shared}).
 *
 * @internal
 */
export interface SharedShape {
  readonly [SHARED]: true | FieldShape;
}

/**
 * The elements of an array field kept as `shape` says, only those whose `field` is one of
 * `values` (see {@link where}).
 *
 * @internal
 */
export interface WhereShape {
  readonly [WHERE]: {
    field: string;
    values: ReadonlySet<unknown>;
    shape: FieldShape;
  };
}

/**
 * Which fields of an object to keep: `true` keeps a value whole; a nested shape keeps only its
 * own fields, of an object or of every element of an array; {@link shared} keeps equal values
 * once; {@link where} keeps only some elements of an array.
 *
 * @internal
 */
export type FieldShape = {
  readonly [field: string]: true | FieldShape | SharedShape | WhereShape;
};

/**
 * Marks a field whose values repeat across objects (a pod's labels, owner, containers): equal
 * values, as kept by `shape`, become one frozen object shared by every cached object.
 *
 * @internal
 */
export function shared(shape: true | FieldShape = true): SharedShape {
  return { [SHARED]: shape };
}

/**
 * Marks an array field of which only the elements whose `field` is one of `values` are read (a
 * pod's conditions: `Ready` and `PodScheduled` of four or five); the others are dropped.
 *
 * @internal
 */
export function where(
  field: string,
  values: readonly string[],
  shape: FieldShape,
): WhereShape {
  return { [WHERE]: { field, values: new Set(values), shape } };
}

/**
 * What a shape says of one field, for readers of other encodings (`protobuf/shapeDecoder.ts`):
 * keep it whole, keep some of its fields, keep it shared (see {@link shared}), or keep some
 * elements (see {@link where}).
 *
 * @internal
 */
export type FieldRule =
  | { readonly keep: 'whole' }
  | { readonly keep: 'fields'; readonly shape: FieldShape }
  | { readonly keep: 'shared'; readonly inner: FieldRule }
  | {
      readonly keep: 'where';
      readonly field: string;
      readonly values: ReadonlySet<unknown>;
      readonly shape: FieldShape;
    };

/** The {@link FieldRule} of one field of a {@link FieldShape}. @internal */
export function ruleOf(
  inner: true | FieldShape | SharedShape | WhereShape,
): FieldRule {
  if (inner === true) return { keep: 'whole' };
  if (WHERE in inner) return { keep: 'where', ...inner[WHERE] };
  if (SHARED in inner) return { keep: 'shared', inner: ruleOf(inner[SHARED]) };
  return { keep: 'fields', shape: inner as FieldShape };
}

/** Above this many distinct shared values the pool starts afresh: sharing is a saving, not a need. */
const MAX_SHARED_VALUES = 10_000;

/** Equal values kept once, by their JSON (strings by their value). */
class SharedValues {
  private readonly byJson = new Map<string, unknown>();
  private readonly strings = new Map<string, string>();

  share(value: unknown): unknown {
    if (typeof value === 'string') return this.shareString(value);
    if (value === null || typeof value !== 'object') return value;
    const key = JSON.stringify(value);
    const known = this.byJson.get(key);
    if (known !== undefined) return known;
    if (this.byJson.size >= MAX_SHARED_VALUES) this.byJson.clear();
    this.byJson.set(key, deepFreeze(value));
    return value;
  }

  private shareString(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    if (this.strings.size >= MAX_SHARED_VALUES) this.strings.clear();
    this.strings.set(value, value);
    return value;
  }
}

/** Freezes `value` and everything in it: a shared value must not change under its sharers. @internal */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/**
 * The strings of one object, each kept once: a pod repeats its timestamps, image and node name
 * several times, and JSON parsing makes a copy of each (V8 shares only very short strings).
 */
type Strings = Map<string, string>;

function pick(
  value: unknown,
  shape: FieldShape,
  strings: Strings,
  pool: SharedValues | undefined,
): unknown {
  if (Array.isArray(value)) {
    return value.map(element => pick(element, shape, strings, pool));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const source = value as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const field in shape) {
    if (!Object.prototype.hasOwnProperty.call(source, field)) continue;
    result[field] = keep(source[field], shape[field], strings, pool);
  }
  return result;
}

function keep(
  value: unknown,
  inner: true | FieldShape | SharedShape | WhereShape,
  strings: Strings,
  pool: SharedValues | undefined,
): unknown {
  if (typeof inner === 'object' && WHERE in inner && Array.isArray(value)) {
    const { field, values, shape } = inner[WHERE];
    return value
      .filter(element => values.has(element?.[field]))
      .map(element => pick(element, shape, strings, pool));
  }
  if (typeof value === 'string') {
    // A value repeated across objects (a condition's type, an image) is kept once for all.
    if (pool && typeof inner === 'object' && SHARED in inner) {
      return pool.share(value);
    }
    const known = strings.get(value);
    if (known !== undefined) return known;
    strings.set(value, value);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  // Kept whole, as parsed: copying it to share its strings costs more time than it saves.
  if (inner === true) return value;
  if (WHERE in inner) return pick(value, inner[WHERE].shape, strings, pool);
  if (SHARED in inner) {
    const kept = keep(value, inner[SHARED], strings, pool);
    return pool ? pool.share(kept) : kept;
  }
  return pick(value, inner, strings, pool);
}

/**
 * A copy of `value` with only the fields of `shape`. Values absent from the input stay absent
 * (not `undefined` members), so the copy serializes like the original minus the dropped fields.
 *
 * @internal
 */
export function pickFields(value: unknown, shape: FieldShape): unknown {
  return pick(value, shape, new Map(), undefined);
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

// The labels and owner of a pod are those of its siblings (but for node-specific labels).
const POD_META: FieldShape = {
  ...META,
  labels: shared(),
  ownerReferences: shared({
    uid: true,
    kind: true,
    name: true,
    controller: true,
  }),
};

const CONDITION: FieldShape = {
  type: shared(),
  status: true,
  reason: shared(),
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
  name: shared(),
  image: shared(),
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
  // Taints repeat across a pool's nodes. Not `timeAdded`: no row reads it, and the node
  // lifecycle controller moves it whenever it swaps a node's taints, which would be a change of
  // the node (and a new version of every status showing it) although nothing shown changed.
  spec: {
    unschedulable: true,
    taints: shared({ key: true, value: true, effect: true }),
  },
  status: { conditions: CONDITION },
};

/** The fields of a pod that are kept. @internal */
export const POD_FIELDS: FieldShape = {
  metadata: POD_META,
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
    containers: shared({ name: true, image: true }),
    initContainers: shared({ name: true, image: true }),
  },
  status: {
    phase: true,
    reason: true,
    message: true,
    startTime: true,
    // The pod's conditions read by `summarisePod`: not Initialized, ContainersReady...
    conditions: where('type', ['Ready', 'PodScheduled'], CONDITION),
    containerStatuses: CONTAINER_STATUS,
    initContainerStatuses: CONTAINER_STATUS,
  },
};

/**
 * A scheduled pod's fields: its node is `spec.nodeName`, its target-node affinity is not read.
 *
 * @internal
 */
export const SCHEDULED_POD_FIELDS: FieldShape = {
  ...POD_FIELDS,
  spec: {
    nodeName: true,
    containers: (POD_FIELDS.spec as FieldShape).containers,
    initContainers: (POD_FIELDS.spec as FieldShape).initContainers,
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

/**
 * A {@link Trim} keeping the fields of `shape`, equal values of {@link shared} fields kept once for
 * every object it trims.
 *
 * @internal
 */
export function trimTo<T>(shape: FieldShape): Trim<T> {
  const pool = new SharedValues();
  return object => pick(object, shape, new Map(), pool) as T;
}

/** The {@link Trim} of pods: {@link POD_FIELDS}, without the affinity once scheduled. @internal */
export function podTrim<T extends { spec?: { nodeName?: string } }>(): Trim<T> {
  const pending = trimTo<T>(POD_FIELDS);
  const scheduled = trimTo<T>(SCHEDULED_POD_FIELDS);
  return object => (object.spec?.nodeName ? scheduled : pending)(object);
}
