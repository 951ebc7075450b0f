import fc from 'fast-check';
import {
  ProtoWriter,
  UNKNOWN_FIELDS,
  UnknownField,
  writeAsGo,
} from '../../__testUtils__/protobufWriter';
import {
  CONTROLLER_REVISION_FIELDS,
  NODE_FIELDS,
  podTrim,
  POD_FIELDS,
  trimTo,
} from '../trim';
import {
  controllerRevisionDecoder,
  CONTROLLER_REVISION_MESSAGE,
  nodeDecoder,
  NODE_MESSAGE,
  podDecoder,
  POD_MESSAGE,
} from './kubernetesMessages';
import { message, MessageSchema } from './messageSchema';
import { ProtoReader } from './ProtoReader';
import { decodeMessage, DecodedMessage, shapeDecoder } from './shapeDecoder';

/** A string as JSON has it; `nonZero` ones are never empty (JSON leaves those out). */
const text = fc.oneof(
  fc.constantFrom('Ready', 'True', 'node-1', 'app', 'é∑😀', 'x'.repeat(70)),
  fc.string({ maxLength: 12 }),
);
const nonEmpty = text.filter(s => s !== '');
const time = fc
  .integer({ min: 0, max: 4_000_000_000 })
  .map(s => new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
/** A non-pointer Time: null when zero. */
const timeOrZero = fc.option(time, { nil: null });
const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const nonEmptyArray = <T>(arb: fc.Arbitrary<T>) =>
  fc.array(arb, { minLength: 1, maxLength: 3 });
/** A map, its keys sorted as Go's JSON and protobuf encoders write them. */
const labels = fc
  .dictionary(
    fc.constantFrom('app', 'zone', 'kubernetes.io/hostname', '1', 'é'),
    text,
    { minKeys: 1, maxKeys: 4 },
  )
  .map(map =>
    Object.fromEntries(
      Object.keys(map)
        .sort()
        .map(key => [key, map[key]]),
    ),
  );

/** Drops `undefined` members: JSON has no such thing. */
function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

const metadata = fc.record(
  {
    name: nonEmpty,
    namespace: nonEmpty,
    uid: nonEmpty,
    resourceVersion: nonEmpty,
    generation: fc.integer({ min: 1, max: 2 ** 40 }),
    creationTimestamp: time,
    deletionTimestamp: fc.option(time, { nil: null }),
    labels,
    annotations: labels,
    ownerReferences: nonEmptyArray(
      fc.record(
        { kind: text, name: text, uid: text, controller: fc.boolean() },
        { requiredKeys: ['kind', 'name', 'uid'] },
      ),
    ),
  },
  { requiredKeys: [] },
);

const condition = fc.record(
  {
    type: fc.constantFrom(
      'Ready',
      'PodScheduled',
      'Initialized',
      'MemoryPressure',
    ),
    status: fc.constantFrom('True', 'False', 'Unknown', ''),
    lastTransitionTime: timeOrZero,
    reason: nonEmpty,
    message: nonEmpty,
  },
  { requiredKeys: ['type', 'status', 'lastTransitionTime'] },
);

const containerState = fc.record(
  {
    waiting: fc.record(
      { reason: nonEmpty, message: nonEmpty },
      { requiredKeys: [] },
    ),
    running: fc.record({ startedAt: timeOrZero }),
    terminated: fc.record(
      {
        exitCode: int32,
        reason: nonEmpty,
        message: nonEmpty,
        startedAt: timeOrZero,
        finishedAt: timeOrZero,
      },
      { requiredKeys: ['exitCode', 'startedAt', 'finishedAt'] },
    ),
  },
  { requiredKeys: [] },
);

const containerStatus = fc.record({
  name: text,
  state: containerState,
  lastState: containerState,
  ready: fc.boolean(),
  restartCount: int32,
  image: text,
});

const container = fc.record(
  { name: text, image: nonEmpty },
  { requiredKeys: ['name'] },
);

const affinity = fc.record(
  {
    nodeAffinity: fc.record(
      {
        requiredDuringSchedulingIgnoredDuringExecution: fc.record({
          nodeSelectorTerms: nonEmptyArray(
            fc.record(
              {
                matchFields: nonEmptyArray(
                  fc.record(
                    {
                      key: text,
                      operator: fc.constantFrom('In', 'NotIn'),
                      values: nonEmptyArray(text),
                    },
                    { requiredKeys: ['key', 'operator'] },
                  ),
                ),
              },
              { requiredKeys: [] },
            ),
          ),
        }),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const pod = fc
  .record({
    metadata,
    spec: fc.record(
      {
        nodeName: nonEmpty,
        affinity,
        containers: nonEmptyArray(container),
        initContainers: nonEmptyArray(container),
      },
      { requiredKeys: ['containers'] },
    ),
    status: fc.record(
      {
        phase: fc.constantFrom('Pending', 'Running', 'Failed'),
        conditions: nonEmptyArray(condition),
        message: nonEmpty,
        reason: nonEmpty,
        startTime: fc.option(time, { nil: null }),
        containerStatuses: nonEmptyArray(containerStatus),
        initContainerStatuses: nonEmptyArray(containerStatus),
      },
      { requiredKeys: [] },
    ),
  })
  .map(json);

const node = fc
  .record({
    metadata,
    spec: fc.record(
      {
        unschedulable: fc.constant(true),
        taints: nonEmptyArray(
          fc.record(
            {
              key: text,
              value: nonEmpty,
              effect: fc.constantFrom('NoSchedule', 'NoExecute', ''),
            },
            { requiredKeys: ['key', 'effect'] },
          ),
        ),
      },
      { requiredKeys: [] },
    ),
    status: fc.record(
      { conditions: nonEmptyArray(condition) },
      { requiredKeys: [] },
    ),
  })
  .map(json);

const revision = fc
  .record({ metadata, revision: fc.integer({ min: 0, max: 2 ** 40 }) })
  .map(json);

/** Unknown fields to put after some of the known ones, at random. */
const unknownFields = fc.array(
  fc.option(fc.constantFrom(...UNKNOWN_FIELDS), { nil: undefined }),
  { maxLength: 4 },
) as fc.Arbitrary<UnknownField[]>;

function encode(
  schema: MessageSchema,
  object: unknown,
  unknown: readonly UnknownField[] = [],
): Buffer {
  const writer = new ProtoWriter();
  writeAsGo(writer, schema, object, unknown);
  return writer.toBuffer();
}

function decode(decoder: DecodedMessage, bytes: Buffer) {
  const reader = new ProtoReader(bytes);
  return decodeMessage(reader, decoder, bytes.length);
}

describe('shapeDecoder', () => {
  it.each([
    ['pods', pod, POD_MESSAGE, podDecoder, () => podTrim<any>()],
    ['nodes', node, NODE_MESSAGE, nodeDecoder, () => trimTo<any>(NODE_FIELDS)],
    [
      'controller revisions',
      revision,
      CONTROLLER_REVISION_MESSAGE,
      controllerRevisionDecoder,
      () => trimTo<any>(CONTROLLER_REVISION_FIELDS),
    ],
  ] as const)(
    'decodes %s into exactly what the trim keeps of their JSON, key order included',
    (_, objects, schema, decoderOf, trimOf) => {
      const decoder = decoderOf();
      const trim = trimOf();
      fc.assert(
        fc.property(objects, unknownFields, (object, unknown) => {
          const decoded = decode(decoder, encode(schema, object, unknown));
          expect(JSON.stringify(decoded)).toBe(
            JSON.stringify(trim(json(object))),
          );
        }),
        { numRuns: 300 },
      );
    },
  );

  it('keeps one frozen object for equal shared values, as the trim does', () => {
    const decoder = podDecoder();
    const podOf = (name: string) => ({
      metadata: { name, labels: { app: 'agent' } },
      spec: { nodeName: name, containers: [{ name: 'agent', image: 'a:1' }] },
    });
    const first = decode(decoder, encode(POD_MESSAGE, podOf('a'))) as any;
    const second = decode(decoder, encode(POD_MESSAGE, podOf('b'))) as any;
    expect(second.metadata.labels).toBe(first.metadata.labels);
    expect(second.spec.containers).toBe(first.spec.containers);
    expect(Object.isFrozen(first.spec.containers[0])).toBe(true);
    expect(second.metadata.name).toBe('b');
  });

  it('shares containers equal in what is kept, though their bytes differ in what is not', () => {
    const decoder = podDecoder();
    // Each pod mounts its own service account token volume: the containers' bytes differ.
    const podOf = (name: string) =>
      new ProtoWriter()
        .message(1, meta => meta.string(1, name))
        .message(2, spec =>
          spec
            .message(2, c =>
              c
                .string(1, 'agent')
                .string(2, 'a:1')
                .message(9, mount =>
                  mount.string(1, `kube-api-access-${name}`),
                ),
            )
            .string(10, `node-${name}`),
        )
        .toBuffer();
    const first = decode(decoder, podOf('a')) as any;
    const second = decode(decoder, podOf('b')) as any;
    expect(first.spec.containers).toEqual([{ name: 'agent', image: 'a:1' }]);
    expect(second.spec.containers).toBe(first.spec.containers);
  });

  it('keeps a pending pod’s target-node affinity and drops a scheduled one’s', () => {
    const decoder = podDecoder();
    const affinityOf = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchFields: [
                { key: 'metadata.name', operator: 'In', values: ['n1'] },
              ],
            },
          ],
        },
      },
    };
    const spec = { affinity: affinityOf, containers: [{ name: 'c' }] };
    const pending = decode(decoder, encode(POD_MESSAGE, { spec })) as any;
    const scheduled = decode(
      decoder,
      encode(POD_MESSAGE, { spec: { ...spec, nodeName: 'n1' } }),
    ) as any;
    expect(Object.keys(pending.spec)).toEqual(['affinity', 'containers']);
    expect(
      pending.spec.affinity.nodeAffinity
        .requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
        .matchFields[0].values,
    ).toEqual(['n1']);
    expect(Object.keys(scheduled.spec)).toEqual(['nodeName', 'containers']);
  });

  it('keeps the conditions read, an empty list when none of them is', () => {
    const decoded = decode(
      podDecoder(),
      encode(POD_MESSAGE, {
        status: {
          conditions: [
            { type: 'Initialized', status: 'True', lastTransitionTime: null },
          ],
        },
      }),
    ) as any;
    expect(decoded.status.conditions).toEqual([]);
  });

  it('reads negative int32s, written as ten bytes, and int64s beyond 32 bits', () => {
    const decoded = decode(
      podDecoder(),
      encode(POD_MESSAGE, {
        metadata: { generation: 2 ** 40 + 3 },
        status: {
          containerStatuses: [
            {
              name: 'c',
              state: {
                terminated: { exitCode: -1, startedAt: null, finishedAt: null },
              },
              lastState: {},
              ready: false,
              restartCount: 2 ** 31 - 1,
              image: '',
            },
          ],
        },
      }),
    ) as any;
    expect(decoded.metadata.generation).toBe(2 ** 40 + 3);
    expect(decoded.status.containerStatuses[0].state.terminated.exitCode).toBe(
      -1,
    );
    expect(decoded.status.containerStatuses[0].restartCount).toBe(2 ** 31 - 1);
  });

  it('refuses a shape keeping a field the protobuf schema does not know, naming it', () => {
    const schema = message([
      1,
      'metadata',
      message([1, 'name', 'string', 'nonZero']),
      'always',
    ]);
    expect(() =>
      shapeDecoder({ metadata: { name: true, uid: true } }, schema),
    ).toThrow(/no field uid/);
    expect(() => shapeDecoder(POD_FIELDS, schema)).toThrow(
      /no field namespace/,
    );
  });

  it('refuses a message cut short', () => {
    const bytes = encode(NODE_MESSAGE, { metadata: { name: 'n1' } });
    // Cut inside the name: the metadata's length now runs past the end.
    expect(() => decode(nodeDecoder(), bytes.subarray(0, 5))).toThrow(
      /runs past/,
    );
  });
});
