import {
  buildDaemonSetStatusReport,
  summariseDaemonSet,
  summariseNode,
} from './report';
import { KubeNode, KubePod } from './kubernetes';
import {
  DS_UID,
  makeDaemonSet,
  makeNode,
  makePod,
  makeRevision,
  runningContainer,
} from './__fixtures__/kube';

const connection = {
  state: 'connected' as const,
  since: '2025-01-01T00:00:00Z',
};
const observedAt = '2025-01-01T00:05:00Z';
const revisions = [
  makeRevision('agent-rev1', 1),
  makeRevision('agent-rev2', 2),
  makeRevision('other-rev9', 9, { ownerUid: 'other-uid' }),
];

function crashLoopPod(name: string, node: string): KubePod {
  return makePod(name, {
    node,
    ready: false,
    phase: 'Running',
    containers: [
      runningContainer('agent', {
        ready: false,
        restartCount: 3,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
      }),
    ],
  });
}

describe('buildDaemonSetStatusReport', () => {
  const daemonSet = makeDaemonSet(
    {},
    {
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
      },
    },
  );
  daemonSet.status = {
    desiredNumberScheduled: 6,
    currentNumberScheduled: 6,
    numberReady: 4,
    numberAvailable: 4,
    numberUnavailable: 2,
    updatedNumberScheduled: 4,
    numberMisscheduled: 1,
    observedGeneration: 3,
  };
  const gpuExecute = [{ key: 'dedicated', value: 'gpu', effect: 'NoExecute' }];
  const nodes: KubeNode[] = [
    makeNode('n-ok', {
      labels: { 'topology.kubernetes.io/zone': 'a', unrelated: 'x' },
    }),
    makeNode('n-crash'),
    makeNode('n-missing'),
    makeNode('n-old'),
    makeNode('n-surge'),
    makeNode('n-gpu', { taints: gpuExecute }),
    makeNode('n-gpu-empty', { taints: gpuExecute }),
    makeNode('n-foreign'),
  ];
  const pods: KubePod[] = [
    makePod('agent-ok', { node: 'n-ok' }),
    crashLoopPod('agent-crash', 'n-crash'),
    makePod('agent-old', { node: 'n-old', revision: 'rev1' }),
    makePod('agent-surge-old', {
      node: 'n-surge',
      revision: 'rev1',
      createdAt: '2024-12-01T00:00:00Z',
    }),
    makePod('agent-surge-new', {
      node: 'n-surge',
      createdAt: '2025-01-01T00:00:00Z',
    }),
    makePod('agent-surge-deleting', {
      node: 'n-surge',
      deleting: true,
      createdAt: '2025-01-01T00:01:00Z',
    }),
    makePod('agent-gpu', { node: 'n-gpu' }),
    makePod('someone-else', { node: 'n-foreign', ownerUid: 'other-uid' }),
    makePod('agent-nowhere', { ready: false }),
    makePod('agent-on-deleted-node', { node: 'gone' }),
  ];
  const report = buildDaemonSetStatusReport({
    cluster: 'prod',
    daemonSet,
    nodes,
    pods,
    revisions,
    connection,
    observedAt,
  });

  it('has one row per node, sorted by severity then name', () => {
    expect(report.nodes.map(r => [r.node.name, r.verdict])).toEqual([
      ['n-crash', 'failing'],
      ['n-foreign', 'missing'],
      ['n-missing', 'missing'],
      ['n-gpu', 'misscheduled'],
      ['n-old', 'progressing'],
      ['n-ok', 'ok'],
      ['n-surge', 'ok'],
      ['n-gpu-empty', 'notEligible'],
    ]);
  });

  it('counts rows per verdict', () => {
    expect(report.counts).toEqual({
      failing: 1,
      missing: 2,
      misscheduled: 1,
      progressing: 1,
      ok: 2,
      notEligible: 1,
    });
  });

  it('shows the newest live pod of a node and counts the others', () => {
    const surge = report.nodes.find(r => r.node.name === 'n-surge')!;
    expect(surge.pod?.name).toBe('agent-surge-new');
    expect(surge.extraPods).toBe(2);
    expect(
      report.nodes.find(r => r.node.name === 'n-ok')!.extraPods,
    ).toBeUndefined();
  });

  it('ignores pods of other owners', () => {
    expect(
      report.nodes.find(r => r.node.name === 'n-foreign')!.pod,
    ).toBeUndefined();
    expect(report.unscheduledPods!.map(p => p.name)).not.toContain(
      'someone-else',
    );
  });

  it('lists pods without a node row', () => {
    expect(report.unscheduledPods!.map(p => p.name).sort()).toEqual([
      'agent-nowhere',
      'agent-on-deleted-node',
    ]);
  });

  it('judges revisions against the current ControllerRevision', () => {
    expect(report.daemonSet.currentRevision).toBe('rev2');
    const old = report.nodes.find(r => r.node.name === 'n-old')!;
    expect(old.pod?.currentRevision).toBe(false);
    expect(old.reason).toBe('pod runs old revision rev1; rollout pending');
  });

  it('explains rows', () => {
    const gpu = report.nodes.find(r => r.node.name === 'n-gpu')!;
    expect(gpu.eligibility.reasons).toEqual([
      'taint dedicated=gpu:NoExecute not tolerated',
    ]);
    expect(gpu.reason).toBe(
      'pod runs where the DaemonSet should not: taint dedicated=gpu:NoExecute not tolerated',
    );
  });

  it('keeps key labels only', () => {
    expect(report.nodes.find(r => r.node.name === 'n-ok')!.node.labels).toEqual(
      {
        'kubernetes.io/hostname': 'n-ok',
        'topology.kubernetes.io/zone': 'a',
      },
    );
  });

  it('shares the node part of rows between DaemonSets whose placement reads the same labels', () => {
    const build = (ds: typeof daemonSet) =>
      buildDaemonSetStatusReport({
        cluster: 'prod',
        daemonSet: ds,
        nodes,
        pods: [],
        revisions,
        connection,
        observedAt,
      });
    const nodeOf = (r: ReturnType<typeof build>, name: string) =>
      r.nodes.find(row => row.node.name === name)!.node;
    const other = build(makeDaemonSet());
    const same = build(makeDaemonSet());
    const byPool = build(makeDaemonSet({ nodeSelector: { unrelated: 'x' } }));

    expect(nodeOf(same, 'n-ok')).toBe(nodeOf(other, 'n-ok'));
    expect(nodeOf(byPool, 'n-ok')).not.toBe(nodeOf(other, 'n-ok'));
    expect(nodeOf(byPool, 'n-ok').labels).toEqual({
      'kubernetes.io/hostname': 'n-ok',
      'topology.kubernetes.io/zone': 'a',
      unrelated: 'x',
    });
    expect(nodeOf(build(makeDaemonSet()), 'n-ok').labels).toEqual({
      'kubernetes.io/hostname': 'n-ok',
      'topology.kubernetes.io/zone': 'a',
    });
  });

  it('shares one eligibility among the rows that have an equal one', () => {
    const eligibilityOf = (name: string) =>
      report.nodes.find(row => row.node.name === name)!.eligibility;

    expect(eligibilityOf('n-crash')).toBe(eligibilityOf('n-ok'));
    expect(eligibilityOf('n-ok')).toEqual({
      eligible: true,
      reasons: [],
      shouldContinueRunning: true,
    });
    expect(eligibilityOf('n-gpu-empty')).toBe(eligibilityOf('n-gpu'));
    expect(eligibilityOf('n-gpu')).not.toBe(eligibilityOf('n-ok'));
    expect(eligibilityOf('n-gpu')).toMatchObject({
      eligible: false,
      reasons: ['taint dedicated=gpu:NoExecute not tolerated'],
    });
  });

  it('summarises the DaemonSet', () => {
    expect(report.daemonSet).toEqual({
      name: 'agent',
      namespace: 'infra',
      uid: DS_UID,
      generation: 3,
      observedGeneration: 3,
      desired: 6,
      current: 6,
      ready: 4,
      updated: 4,
      available: 4,
      unavailable: 2,
      misscheduled: 1,
      updateStrategy: { type: 'RollingUpdate', maxSurge: 1, maxUnavailable: 0 },
      currentRevision: 'rev2',
      images: ['agent:2'],
      placement: {
        nodeSelector: {},
        tolerations: [],
        requiredNodeAffinity: false,
      },
    });
    expect(report).toMatchObject({ cluster: 'prod', connection, observedAt });
  });

  it('handles a 5000-node cluster', () => {
    const bigNodes: KubeNode[] = [];
    const bigPods: KubePod[] = [];
    const expected = {
      failing: 0,
      missing: 0,
      misscheduled: 0,
      progressing: 0,
      ok: 0,
      notEligible: 0,
    };
    for (let i = 0; i < 5000; i++) {
      const name = `node-${String(i).padStart(4, '0')}`;
      const tainted = i % 10 === 0;
      bigNodes.push(
        makeNode(name, { taints: tainted ? gpuExecute : undefined }),
      );
      bigPods.push(
        makePod(`foreign-${i}`, { node: name, ownerUid: 'other-uid' }),
      );
      if (tainted) {
        if (i % 20 === 0) {
          bigPods.push(makePod(`agent-${i}`, { node: name }));
          expected.misscheduled++;
        } else {
          expected.notEligible++;
        }
      } else if (i % 7 === 0) {
        expected.missing++;
      } else if (i % 13 === 0) {
        bigPods.push(crashLoopPod(`agent-${i}`, name));
        expected.failing++;
      } else if (i % 11 === 0) {
        bigPods.push(makePod(`agent-${i}`, { node: name, revision: 'rev1' }));
        expected.progressing++;
      } else {
        bigPods.push(makePod(`agent-${i}`, { node: name }));
        expected.ok++;
      }
    }
    const big = buildDaemonSetStatusReport({
      cluster: 'big',
      daemonSet: makeDaemonSet(),
      nodes: bigNodes,
      pods: bigPods,
      revisions,
      connection,
      observedAt,
    });
    expect(big.nodes).toHaveLength(5000);
    expect(big.counts).toEqual(expected);
    expect(big.unscheduledPods).toEqual([]);
    expect(big.nodes[0].verdict).toBe('failing');
    expect(big.nodes[4999].verdict).toBe('notEligible');
    expect(big.nodes.find(r => r.node.name === 'node-0013')?.pod?.name).toBe(
      'agent-13',
    );
  });
});

describe('summariseNode', () => {
  it('reads readiness, cordon, roles, pools and placement labels', () => {
    const node = makeNode('n1', {
      ready: false,
      unschedulable: true,
      labels: {
        'node-role.kubernetes.io/worker': '',
        'daemonsets.dev/pool': 'edge',
        'nvidia.com/gpu.product': 'A100',
        disktype: 'ssd',
        noise: 'x',
      },
      taints: [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      ],
    });
    const info = summariseNode(node, new Set(['disktype']));
    expect(info).toEqual({
      name: 'n1',
      ready: false,
      schedulable: false,
      labels: {
        'kubernetes.io/hostname': 'n1',
        'node-role.kubernetes.io/worker': '',
        'daemonsets.dev/pool': 'edge',
        'nvidia.com/gpu.product': 'A100',
        disktype: 'ssd',
      },
      taints: [
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      ],
      conditions: [
        { type: 'Ready', status: 'False', reason: 'KubeletNotReady' },
      ],
    });
  });

  it('keeps only the conditions that need attention', () => {
    const node = makeNode('n2');
    node.status!.conditions!.push(
      { type: 'MemoryPressure', status: 'False', reason: 'HasMemory' },
      {
        type: 'DiskPressure',
        status: 'True',
        reason: 'KubeletHasDiskPressure',
        message: 'disk almost full',
      },
      { type: 'KernelDeadlock', status: 'Unknown' },
    );
    const info = summariseNode(node);
    expect(info.ready).toBe(true);
    expect(info.conditions).toEqual([
      {
        type: 'DiskPressure',
        status: 'True',
        reason: 'KubeletHasDiskPressure',
        message: 'disk almost full',
      },
      { type: 'KernelDeadlock', status: 'Unknown' },
    ]);
    expect(summariseNode(makeNode('n3')).conditions).toEqual([]);
  });
});

describe('summariseDaemonSet', () => {
  it('applies the API defaults of a rolling update and lists init images', () => {
    const ds = makeDaemonSet({
      initContainers: [{ name: 'setup', image: 'setup:1' }],
    });
    expect(summariseDaemonSet(ds)).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', maxUnavailable: 1, maxSurge: 0 },
      images: ['setup:1', 'agent:2'],
      desired: 0,
      unavailable: 0,
    });
    const onDelete = makeDaemonSet(
      {},
      { updateStrategy: { type: 'OnDelete' } },
    );
    expect(summariseDaemonSet(onDelete).updateStrategy).toEqual({
      type: 'OnDelete',
    });
  });
});
