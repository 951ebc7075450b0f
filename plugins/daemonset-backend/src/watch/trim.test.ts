import {
  buildDaemonSetStatusReport,
  KubeControllerRevision,
  KubeDaemonSet,
  KubeNode,
  KubePod,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import fc from 'fast-check';
import {
  CONTROLLER_REVISION_FIELDS,
  NODE_FIELDS,
  pickFields,
  podTrim,
  POD_FIELDS,
  trimTo,
} from './trim';

const DS_UID = 'ds-uid';
const NODE_NAMES = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5'];
const HASHES = ['h1', 'h2', 'h3'];
const TIMES = ['2025-01-01T00:00:00Z', '2025-01-01T00:05:00Z', undefined];

/** Fields nobody reads, as the API server sends them: what the trim must drop harmlessly. */
const noise = fc.record({
  annotations: fc.dictionary(
    fc.constantFrom('a', 'kubectl.kubernetes.io/last-applied', 'x/y'),
    fc.string({ maxLength: 20 }),
  ),
  managedFields: fc.array(
    fc.record({ manager: fc.string(), operation: fc.constant('Update') }),
    { maxLength: 2 },
  ),
});

const labels = fc.dictionary(
  fc.constantFrom(
    'kubernetes.io/os',
    'topology.kubernetes.io/zone',
    'node-role.kubernetes.io/worker',
    'gpu',
    'pool',
  ),
  fc.constantFrom('linux', 'a', 'b', 'true'),
);

const condition = (types: string[]) =>
  fc.record(
    {
      type: fc.constantFrom(...types),
      status: fc.constantFrom('True', 'False', 'Unknown'),
      reason: fc.constantFrom('R', 'KubeletReady'),
      message: fc.string({ maxLength: 10 }),
      lastTransitionTime: fc.constantFrom(...TIMES),
      lastHeartbeatTime: fc.constantFrom(...TIMES),
    },
    { requiredKeys: ['type', 'status'] },
  );

const nodeArb = (name: string, version: number) =>
  fc
    .record({
      noise,
      labels,
      unschedulable: fc.option(fc.boolean(), { nil: undefined }),
      taints: fc.array(
        fc.record({
          key: fc.constantFrom(
            'dedicated',
            'gpu',
            'node.kubernetes.io/not-ready',
          ),
          value: fc.constantFrom('a', 'b', undefined),
          effect: fc.constantFrom(
            'NoSchedule',
            'NoExecute',
            'PreferNoSchedule',
          ),
        }),
        { maxLength: 2 },
      ),
      conditions: fc.array(
        condition(['Ready', 'MemoryPressure', 'DiskPressure']),
        {
          maxLength: 3,
        },
      ),
    })
    .map(
      (n): KubeNode =>
        ({
          metadata: {
            name,
            uid: `uid-${name}`,
            resourceVersion: String(version),
            labels: { 'kubernetes.io/hostname': name, ...n.labels },
            ...n.noise,
          },
          spec: {
            unschedulable: n.unschedulable,
            taints: n.taints,
            podCIDR: '10.0.0.0/24',
          },
          status: {
            conditions: n.conditions,
            images: [{ names: ['registry/image:1'], sizeBytes: 1000 }],
            addresses: [{ type: 'InternalIP', address: '10.0.0.1' }],
            nodeInfo: { kubeletVersion: 'v1.36.0' },
            capacity: { cpu: '4' },
          },
        } as unknown as KubeNode),
    );

const containerState = fc.oneof(
  fc.record({ running: fc.record({ startedAt: fc.constantFrom(...TIMES) }) }),
  fc.record({
    waiting: fc.record({
      reason: fc.constantFrom('ImagePullBackOff', 'CrashLoopBackOff'),
      message: fc.string({ maxLength: 10 }),
    }),
  }),
  fc.record({
    terminated: fc.record({
      exitCode: fc.integer({ min: 0, max: 137 }),
      reason: fc.constantFrom('OOMKilled', 'Error', 'Completed'),
      finishedAt: fc.constantFrom(...TIMES),
    }),
  }),
);

const containerStatus = fc.record(
  {
    name: fc.constantFrom('agent', 'sidecar'),
    image: fc.constantFrom('agent:1', 'agent:2'),
    imageID: fc.constant('sha256:abc'),
    containerID: fc.constant('containerd://abc'),
    ready: fc.boolean(),
    restartCount: fc.nat(5),
    started: fc.boolean(),
    state: containerState,
    lastState: containerState,
  },
  { requiredKeys: ['name', 'image', 'ready', 'restartCount'] },
);

const podArb = (name: string, version: number) =>
  fc
    .record({
      noise,
      owned: fc.boolean(),
      node: fc.option(fc.constantFrom(...NODE_NAMES), { nil: undefined }),
      target: fc.option(fc.constantFrom(...NODE_NAMES), { nil: undefined }),
      hash: fc.constantFrom(...HASHES),
      generation: fc.constantFrom('1', '2', '3'),
      created: fc.constantFrom(...TIMES),
      deleting: fc.boolean(),
      phase: fc.constantFrom('Pending', 'Running', 'Failed', 'Succeeded'),
      reason: fc.option(fc.constantFrom('Unschedulable', 'Evicted'), {
        nil: undefined,
      }),
      conditions: fc.array(
        condition(['Ready', 'PodScheduled', 'Initialized', 'ContainersReady']),
        { maxLength: 4 },
      ),
      containers: fc.array(containerStatus, { maxLength: 2 }),
      init: fc.array(containerStatus, { maxLength: 1 }),
    })
    .map(
      (p): KubePod =>
        ({
          metadata: {
            name,
            namespace: 'infra',
            uid: `uid-${name}`,
            resourceVersion: String(version),
            labels: {
              app: 'agent',
              'controller-revision-hash': p.hash,
              'pod-template-generation': p.generation,
            },
            creationTimestamp: p.created,
            deletionTimestamp: p.deleting ? TIMES[1] : undefined,
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                uid: p.owned ? DS_UID : 'other',
                kind: 'DaemonSet',
                name: 'agent',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
            ...p.noise,
          },
          spec: {
            nodeName: p.node,
            affinity: p.target
              ? {
                  nodeAffinity: {
                    requiredDuringSchedulingIgnoredDuringExecution: {
                      nodeSelectorTerms: [
                        {
                          matchFields: [
                            {
                              key: 'metadata.name',
                              operator: 'In',
                              values: [p.target],
                            },
                          ],
                        },
                      ],
                    },
                  },
                }
              : undefined,
            containers: [
              {
                name: 'agent',
                image: 'agent:2',
                env: [{ name: 'SECRET', value: 'x' }],
              },
            ],
            volumes: [{ name: 'v', hostPath: { path: '/var/log' } }],
            serviceAccountName: 'agent',
          },
          status: {
            phase: p.phase,
            reason: p.reason,
            startTime: p.created,
            conditions: p.conditions,
            containerStatuses: p.containers,
            initContainerStatuses: p.init,
            hostIP: '10.0.0.1',
            podIPs: [{ ip: '10.1.0.1' }],
            qosClass: 'BestEffort',
          },
        } as unknown as KubePod),
    );

const revisionArb = (hash: string, version: number) =>
  fc
    .record({ revision: fc.integer({ min: 1, max: 5 }), owned: fc.boolean() })
    .map(
      (r): KubeControllerRevision =>
        ({
          metadata: {
            name: `agent-${hash}`,
            namespace: 'infra',
            resourceVersion: String(version),
            labels: { app: 'agent', 'controller-revision-hash': hash },
            ownerReferences: [
              { uid: r.owned ? DS_UID : 'other', kind: 'DaemonSet' },
            ],
          },
          revision: r.revision,
          data: {
            spec: { template: { spec: { containers: [{ name: 'agent' }] } } },
          },
        } as unknown as KubeControllerRevision),
    );

const daemonSetArb = fc
  .record({
    nodeSelector: fc.option(labels, { nil: undefined }),
    tolerations: fc.option(
      fc.array(
        fc.record({
          key: fc.constantFrom('dedicated', 'gpu'),
          operator: fc.constantFrom('Exists', 'Equal'),
          value: fc.constantFrom('a', 'b'),
        }),
        { maxLength: 2 },
      ),
      { nil: undefined },
    ),
    minReadySeconds: fc.constantFrom(0, 30),
  })
  .map(
    (d): KubeDaemonSet => ({
      metadata: {
        name: 'agent',
        namespace: 'infra',
        uid: DS_UID,
        generation: 2,
        annotations: { 'deprecated.daemonset.template.generation': '2' },
      },
      spec: {
        minReadySeconds: d.minReadySeconds,
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: {
            containers: [{ name: 'agent', image: 'agent:2' }],
            nodeSelector: d.nodeSelector,
            tolerations: d.tolerations,
          },
        },
      },
      status: { desiredNumberScheduled: 3, observedGeneration: 2 },
    }),
  );

const fleetArb = fc.record({
  daemonSet: daemonSetArb,
  nodes: fc.tuple(...NODE_NAMES.map((name, i) => nodeArb(name, i + 1))),
  pods: fc
    .array(fc.nat(1000), { maxLength: 8 })
    .chain(ids =>
      fc.tuple(...ids.map((id, i) => podArb(`agent-${i}-${id}`, 100 + i))),
    ),
  revisions: fc.tuple(...HASHES.map((hash, i) => revisionArb(hash, 200 + i))),
});

function report(fleet: {
  daemonSet: KubeDaemonSet;
  nodes: readonly KubeNode[];
  pods: readonly KubePod[];
  revisions: readonly KubeControllerRevision[];
}) {
  return buildDaemonSetStatusReport({
    cluster: 'c',
    ...fleet,
    connection: { state: 'connected', since: '2025-01-01T00:00:00Z' },
    observedAt: '2025-01-01T00:06:00Z',
  });
}

describe('trimming at ingest', () => {
  it('gives the same report, rows included, as the untrimmed objects', () => {
    const trimNode = trimTo<KubeNode>(NODE_FIELDS);
    const trimPod = podTrim<KubePod>();
    const trimRevision = trimTo<KubeControllerRevision>(
      CONTROLLER_REVISION_FIELDS,
    );
    fc.assert(
      fc.property(fleetArb, fleet => {
        const whole = report(fleet);
        const trimmed = report({
          daemonSet: fleet.daemonSet,
          nodes: fleet.nodes.map(trimNode),
          pods: fleet.pods.map(trimPod),
          revisions: fleet.revisions.map(trimRevision),
        });
        expect(trimmed).toEqual(whole);
        expect(trimmed.nodes.length).toBe(NODE_NAMES.length);
      }),
      { numRuns: 300 },
    );
  });

  it('drops what is not read and keeps a fraction of the JSON', () => {
    fc.assert(
      fc.property(podArb('p', 1), pod => {
        const trimmed = trimTo<KubePod>(POD_FIELDS)(pod) as any;
        expect(trimmed.metadata.managedFields).toBeUndefined();
        expect(trimmed.metadata.annotations).toBeUndefined();
        expect(trimmed.spec.volumes).toBeUndefined();
        expect(trimmed.spec.containers).toEqual([
          { name: 'agent', image: 'agent:2' },
        ]);
        expect(trimmed.status.podIPs).toBeUndefined();
        expect(JSON.stringify(trimmed).length).toBeLessThan(
          JSON.stringify(pod).length,
        );
      }),
    );
  });

  it("drops a taint's timeAdded, so a taint re-added with a later one is no change", () => {
    const trimNode = trimTo<KubeNode>(NODE_FIELDS);
    const node = (timeAdded: string) =>
      trimNode({
        metadata: { name: 'n0', resourceVersion: timeAdded },
        spec: {
          taints: [
            {
              key: 'node.kubernetes.io/unreachable',
              effect: 'NoExecute',
              timeAdded,
            },
          ],
        },
      } as unknown as KubeNode);
    const [before, after] = [
      node('2026-01-01T00:00:00Z'),
      node('2026-01-01T00:05:00Z'),
    ];

    expect(after.spec!.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
    ]);
    // Equal taints are one shared object: the cache sees no change but the resource version.
    expect(after.spec!.taints).toBe(before.spec!.taints);
  });

  it('keeps absent fields absent and null values as they are', () => {
    expect(pickFields({ a: null, c: 1 }, { a: { x: true }, b: true })).toEqual({
      a: null,
    });
    expect(
      Object.keys(pickFields({ metadata: {} }, NODE_FIELDS) as object),
    ).toEqual(['metadata']);
  });

  it('keeps equal labels, owners and containers of different pods once, frozen', () => {
    const trimPod = podTrim<KubePod>();
    const pod = (name: string, node: string): KubePod =>
      ({
        metadata: {
          name,
          uid: `uid-${name}`,
          labels: { app: 'agent', 'controller-revision-hash': 'h1' },
          ownerReferences: [
            { uid: DS_UID, kind: 'DaemonSet', name: 'agent', controller: true },
          ],
        },
        spec: { nodeName: node, containers: [{ name: 'a', image: 'a:1' }] },
      } as unknown as KubePod);
    const [a, b] = [trimPod(pod('a', 'n0')), trimPod(pod('b', 'n1'))];

    expect(b.metadata!.labels).toBe(a.metadata!.labels);
    expect(b.metadata!.ownerReferences).toBe(a.metadata!.ownerReferences);
    expect(b.spec!.containers).toBe(a.spec!.containers);
    expect(Object.isFrozen(a.metadata!.labels)).toBe(true);
    expect(Object.isFrozen(a.metadata!.ownerReferences![0])).toBe(true);
    expect(a.metadata!.uid).toBe('uid-a');
    expect(b.spec!.nodeName).toBe('n1');

    const relabelled = trimPod({
      ...pod('c', 'n2'),
      metadata: { name: 'c', labels: { app: 'other' } },
    } as KubePod);
    expect(relabelled.metadata!.labels).toEqual({ app: 'other' });
  });

  it('keeps only the pod conditions that rows read, in their order', () => {
    const trimPod = podTrim<KubePod>();
    const at = '2026-01-01T00:00:00Z';
    const trimmed = trimPod({
      spec: { nodeName: 'n0' },
      status: {
        conditions: [
          { type: 'Initialized', status: 'True', lastTransitionTime: at },
          { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
          { type: 'ContainersReady', status: 'False' },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: at },
        ],
      },
    } as unknown as KubePod);

    expect(trimmed.status!.conditions).toEqual([
      { type: 'Ready', status: 'False', reason: 'ContainersNotReady' },
      { type: 'PodScheduled', status: 'True', lastTransitionTime: at },
    ]);
    expect(trimPod({ status: {} } as KubePod).status).toEqual({});
  });

  it("keeps a pending pod's target node and drops it once the pod is scheduled", () => {
    const trimPod = podTrim<KubePod>();
    const target = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchFields: [
                { key: 'metadata.name', operator: 'In', values: ['n3'] },
              ],
              matchExpressions: [{ key: 'pool', operator: 'Exists' }],
            },
          ],
        },
      },
      podAntiAffinity: {},
    };
    const pending = trimPod({ spec: { affinity: target } } as KubePod);
    const scheduled = trimPod({
      spec: { nodeName: 'n3', affinity: target },
    } as KubePod);

    expect(pending.spec!.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchFields: [
                { key: 'metadata.name', operator: 'In', values: ['n3'] },
              ],
            },
          ],
        },
      },
    });
    expect(scheduled.spec).toEqual({ nodeName: 'n3' });
  });
});
