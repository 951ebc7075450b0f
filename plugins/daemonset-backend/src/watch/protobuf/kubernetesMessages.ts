import { CONTROLLER_REVISION_FIELDS, NODE_FIELDS, POD_FIELDS } from '../trim';
import { message } from './messageSchema';
import { DecodedMessage, shapeDecoder } from './shapeDecoder';

// The fields the trims of `trim.ts` keep, with their numbers from k8s.io/api's and
// k8s.io/apimachinery's generated.proto and their JSON presence from the Go types' json tags
// (v0.36). A field added to a trim's shape must be added here too, or its decoder throws when
// it is made (at start-up, and in `kubernetesMessages.test.ts`).

const OWNER_REFERENCE = message(
  [1, 'kind', 'string', 'always'],
  [3, 'name', 'string', 'always'],
  [4, 'uid', 'string', 'always'],
  [6, 'controller', 'bool', 'onWire'],
);

const OBJECT_META = message(
  [1, 'name', 'string', 'nonZero'],
  [3, 'namespace', 'string', 'nonZero'],
  [5, 'uid', 'string', 'nonZero'],
  [6, 'resourceVersion', 'string', 'nonZero'],
  [7, 'generation', 'int', 'nonZero'],
  // `omitempty,omitzero`: a zero creation time is left out, not written as null.
  [8, 'creationTimestamp', 'time', 'nonZero'],
  [9, 'deletionTimestamp', 'time', 'onWire'],
  [11, 'labels', 'stringMap', 'nonZero'],
  [12, 'annotations', 'stringMap', 'nonZero'],
  [13, 'ownerReferences', OWNER_REFERENCE, 'nonZero', 'repeated'],
);

/** A condition of a pod or a node: both keep these fields, with the same numbers. */
const CONDITION = message(
  [1, 'type', 'string', 'always'],
  [2, 'status', 'string', 'always'],
  [4, 'lastTransitionTime', 'time', 'always'],
  [5, 'reason', 'string', 'nonZero'],
  [6, 'message', 'string', 'nonZero'],
);

const NODE_SELECTOR_REQUIREMENT = message(
  [1, 'key', 'string', 'always'],
  [2, 'operator', 'string', 'always'],
  [3, 'values', 'string', 'nonZero', 'repeated'],
);

const AFFINITY = message([
  1,
  'nodeAffinity',
  message([
    1,
    'requiredDuringSchedulingIgnoredDuringExecution',
    message([
      1,
      'nodeSelectorTerms',
      message([
        2,
        'matchFields',
        NODE_SELECTOR_REQUIREMENT,
        'nonZero',
        'repeated',
      ]),
      'always',
      'repeated',
    ]),
    'onWire',
  ]),
  'onWire',
]);

const CONTAINER = message(
  [1, 'name', 'string', 'always'],
  [2, 'image', 'string', 'nonZero'],
);

const TERMINATED = message(
  [1, 'exitCode', 'int', 'always'],
  [3, 'reason', 'string', 'nonZero'],
  [4, 'message', 'string', 'nonZero'],
  [5, 'startedAt', 'time', 'always'],
  [6, 'finishedAt', 'time', 'always'],
);

const CONTAINER_STATE = message(
  [
    1,
    'waiting',
    message(
      [1, 'reason', 'string', 'nonZero'],
      [2, 'message', 'string', 'nonZero'],
    ),
    'onWire',
  ],
  [2, 'running', message([1, 'startedAt', 'time', 'always']), 'onWire'],
  [3, 'terminated', TERMINATED, 'onWire'],
);

const CONTAINER_STATUS = message(
  [1, 'name', 'string', 'always'],
  [2, 'state', CONTAINER_STATE, 'always'],
  [3, 'lastState', CONTAINER_STATE, 'always'],
  [4, 'ready', 'bool', 'always'],
  [5, 'restartCount', 'int', 'always'],
  [6, 'image', 'string', 'always'],
);

/** What may be read of a Pod (`core/v1`). @internal */
export const POD_MESSAGE = message(
  [1, 'metadata', OBJECT_META, 'always'],
  [
    2,
    'spec',
    message(
      [20, 'initContainers', CONTAINER, 'nonZero', 'repeated'],
      [2, 'containers', CONTAINER, 'always', 'repeated'],
      [10, 'nodeName', 'string', 'nonZero'],
      [18, 'affinity', AFFINITY, 'onWire'],
    ),
    'always',
  ],
  [
    3,
    'status',
    message(
      [1, 'phase', 'string', 'nonZero'],
      [2, 'conditions', CONDITION, 'nonZero', 'repeated'],
      [3, 'message', 'string', 'nonZero'],
      [4, 'reason', 'string', 'nonZero'],
      [7, 'startTime', 'time', 'onWire'],
      [10, 'initContainerStatuses', CONTAINER_STATUS, 'nonZero', 'repeated'],
      [8, 'containerStatuses', CONTAINER_STATUS, 'nonZero', 'repeated'],
    ),
    'always',
  ],
);

/** What may be read of a Node (`core/v1`). @internal */
export const NODE_MESSAGE = message(
  [1, 'metadata', OBJECT_META, 'always'],
  [
    2,
    'spec',
    message(
      [4, 'unschedulable', 'bool', 'nonZero'],
      [
        5,
        'taints',
        message(
          [1, 'key', 'string', 'always'],
          [2, 'value', 'string', 'nonZero'],
          [3, 'effect', 'string', 'always'],
        ),
        'nonZero',
        'repeated',
      ],
    ),
    'always',
  ],
  [
    3,
    'status',
    message([4, 'conditions', CONDITION, 'nonZero', 'repeated']),
    'always',
  ],
);

/** What may be read of a ControllerRevision (`apps/v1`): not its `data`. @internal */
export const CONTROLLER_REVISION_MESSAGE = message(
  [1, 'metadata', OBJECT_META, 'always'],
  [3, 'revision', 'int', 'always'],
);

/** Any object: its metadata. */
const OBJECT = message([1, 'metadata', OBJECT_META, 'always']);

const STATUS = message(
  [4, 'reason', 'string', 'nonZero'],
  [6, 'code', 'int', 'nonZero'],
);

const LIST_META = message(
  [2, 'resourceVersion', 'string', 'nonZero'],
  [3, 'continue', 'string', 'nonZero'],
  [4, 'remainingItemCount', 'int', 'onWire'],
);

/** What a WatchList's bookmark is read for: its version and annotations. @internal */
export const BOOKMARK_DECODER = shapeDecoder(
  { metadata: { resourceVersion: true, annotations: true } },
  OBJECT,
);

/** What is read of a `metav1.Status` (an error answer or a watch's ERROR event). @internal */
export const STATUS_DECODER = shapeDecoder(
  { reason: true, code: true },
  STATUS,
);

/** What is read of a list's `metav1.ListMeta`. @internal */
export const LIST_META_DECODER = shapeDecoder(
  { resourceVersion: true, continue: true, remainingItemCount: true },
  LIST_META,
);

/** Nodes decoded as `trimTo(NODE_FIELDS)` keeps them, with a pool of its own. @internal */
export function nodeDecoder(): DecodedMessage {
  return shapeDecoder(NODE_FIELDS, NODE_MESSAGE);
}

/**
 * Pods decoded as `podTrim()` keeps them: a scheduled pod (one with `spec.nodeName`) without its
 * affinity.
 *
 * @internal
 */
export function podDecoder(): DecodedMessage {
  const decoder = shapeDecoder(POD_FIELDS, POD_MESSAGE);
  const spec = decoder.fields.find(field => field.name === 'spec')!
    .type as DecodedMessage;
  spec.refine = object => {
    if (!object.nodeName || !('affinity' in object)) return object;
    const scheduled: Record<string, unknown> = {};
    for (const key of Object.keys(object)) {
      if (key !== 'affinity') scheduled[key] = object[key];
    }
    return scheduled;
  };
  return decoder;
}

/** ControllerRevisions decoded as `trimTo(CONTROLLER_REVISION_FIELDS)` keeps them. @internal */
export function controllerRevisionDecoder(): DecodedMessage {
  return shapeDecoder(CONTROLLER_REVISION_FIELDS, CONTROLLER_REVISION_MESSAGE);
}
