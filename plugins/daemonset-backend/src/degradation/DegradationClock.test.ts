import type {
  DaemonSetStatusReport,
  NodeRow,
  Verdict,
} from '@daemonsets/plugin-daemonset-common';
import { assessDaemonSet, maxUnavailablePods } from './assessDaemonSet';
import { DegradationClock } from './DegradationClock';

function row(
  node: string,
  verdict: Verdict,
  pod?: { ready: boolean; currentRevision?: boolean },
): NodeRow {
  return {
    node: {
      name: node,
      ready: true,
      schedulable: true,
      labels: {},
      taints: [],
      conditions: [],
    },
    eligibility: {
      eligible: verdict !== 'notEligible',
      reasons: verdict === 'notEligible' ? ['taint not tolerated'] : [],
    },
    verdict,
    ...(verdict === 'failing' ? { reason: 'CrashLoopBackOff' } : {}),
    ...(pod && {
      pod: {
        name: `pod-${node}`,
        namespace: 'apps',
        phase: 'Running',
        ready: pod.ready,
        restarts: 0,
        currentRevision: pod.currentRevision ?? true,
        deleting: false,
        containers: [],
      },
    }),
  };
}

function report(
  nodes: NodeRow[],
  strategy: DaemonSetStatusReport['daemonSet']['updateStrategy'] = {
    type: 'RollingUpdate',
    maxUnavailable: 1,
  },
): DaemonSetStatusReport {
  const desired = nodes.filter(n => n.verdict !== 'notEligible').length;
  const updated = nodes.filter(n => n.pod?.currentRevision).length;
  const ready = nodes.filter(
    n => n.verdict !== 'notEligible' && n.pod?.ready,
  ).length;
  return {
    cluster: 'local',
    daemonSet: {
      name: 'agent',
      namespace: 'apps',
      uid: 'uid',
      generation: 2,
      observedGeneration: 2,
      desired,
      current: desired,
      ready,
      updated,
      available: 0,
      unavailable: desired - ready,
      misscheduled: 0,
      updateStrategy: strategy,
      images: [],
    },
    nodes,
    counts: {} as DaemonSetStatusReport['counts'],
    connection: { state: 'connected', since: '' },
    observedAt: '',
  };
}

const ok = (name: string) => row(name, 'ok', { ready: true });
const nodes = (n: number, make: (name: string, i: number) => NodeRow) =>
  Array.from({ length: n }, (_, i) => make(`node-${i}`, i));

describe('maxUnavailablePods', () => {
  it('reads counts and percentages as the DaemonSet controller does', () => {
    expect(maxUnavailablePods(undefined, 20)).toBe(1);
    expect(maxUnavailablePods(3, 20)).toBe(3);
    expect(maxUnavailablePods('50%', 20)).toBe(10);
    expect(maxUnavailablePods('10%', 15)).toBe(2);
    expect(maxUnavailablePods(0, 20)).toBe(0);
  });
});

describe('assessDaemonSet', () => {
  it('counts eligible nodes, ready pods and failing nodes', () => {
    const health = assessDaemonSet(
      report([
        ok('a'),
        row('b', 'failing', { ready: false }),
        row('c', 'notEligible'),
        row('d', 'missing'),
      ]),
    );
    expect(health).toEqual({
      desired: 3,
      ready: 1,
      failingNodes: ['b'],
      rollingWithinBudget: false,
    });
  });

  it('sees a rollout within maxUnavailable, and not one beyond it', () => {
    const rolling = nodes(20, (name, i) =>
      i < 10
        ? row(name, 'progressing', { ready: false, currentRevision: true })
        : row(name, 'ok', { ready: true, currentRevision: false }),
    );
    expect(
      assessDaemonSet(
        report(rolling, { type: 'RollingUpdate', maxUnavailable: '50%' }),
      ).rollingWithinBudget,
    ).toBe(true);
    expect(
      assessDaemonSet(
        report(rolling, { type: 'RollingUpdate', maxUnavailable: '25%' }),
      ).rollingWithinBudget,
    ).toBe(false);
    expect(
      assessDaemonSet(report(rolling, { type: 'OnDelete' }))
        .rollingWithinBudget,
    ).toBe(false);
  });

  it("accepts the controller's own count when the rows see one pod more down", () => {
    const rolling = report(
      nodes(20, (name, i) =>
        i < 6
          ? row(name, 'progressing', { ready: false })
          : row(name, 'ok', { ready: true, currentRevision: false }),
      ),
      { type: 'RollingUpdate', maxUnavailable: '25%' },
    );
    expect(assessDaemonSet(rolling).rollingWithinBudget).toBe(false);
    rolling.daemonSet.unavailable = 5;
    expect(assessDaemonSet(rolling).rollingWithinBudget).toBe(true);
  });
});

describe('DegradationClock', () => {
  const grace = 60_000;
  const clock = () =>
    new DegradationClock({ readyShare: 0.9, gracePeriodMs: grace });

  it('calls a node failing for the grace period degraded, not before', () => {
    const c = clock();
    const failing = assessDaemonSet(
      report(
        nodes(20, (name, i) =>
          i === 0 ? row(name, 'failing', { ready: false }) : ok(name),
        ),
      ),
    );
    expect(c.observe('ds', failing, 0)).toEqual({ state: 'pending' });
    expect(c.observe('ds', failing, grace - 1)).toEqual({ state: 'pending' });
    expect(c.observe('ds', failing, grace)).toEqual({
      state: 'degraded',
      reason: 'node node-0 failing for 60s',
    });
  });

  it('restarts the grace period when the node was healthy in between', () => {
    const c = clock();
    const failing = assessDaemonSet(
      report([row('a', 'failing', { ready: false }), ...nodes(19, ok)]),
    );
    const healthy = assessDaemonSet(report(nodes(20, ok)));
    c.observe('ds', failing, 0);
    expect(c.observe('ds', healthy, 30_000)).toEqual({ state: 'healthy' });
    expect(c.observe('ds', failing, 61_000)).toEqual({ state: 'pending' });
  });

  it('calls a ready share below the threshold degraded after the grace period', () => {
    const c = clock();
    const low = assessDaemonSet(
      report(
        nodes(20, (name, i) => (i < 3 ? row(name, 'missing') : ok(name))),
        { type: 'OnDelete' },
      ),
    );
    expect(c.observe('ds', low, 0)).toEqual({ state: 'pending' });
    expect(c.observe('ds', low, grace)).toEqual({
      state: 'degraded',
      reason: '17 of 20 pods ready (below 90%)',
    });
  });

  it('never calls a rollout within its budget degraded, even with no grace', () => {
    const c = new DegradationClock({ readyShare: 0.9, gracePeriodMs: 0 });
    const rolling = assessDaemonSet(
      report(
        nodes(20, (name, i) =>
          i < 10
            ? row(name, 'progressing', { ready: false })
            : row(name, 'ok', { ready: true, currentRevision: false }),
        ),
        { type: 'RollingUpdate', maxUnavailable: '50%' },
      ),
    );
    expect(c.observe('ds', rolling, 0)).toEqual({ state: 'pending' });
    expect(c.observe('ds', rolling, 600_000)).toEqual({ state: 'pending' });
  });

  it('keeps DaemonSets apart and forgets those no longer seen', () => {
    const c = clock();
    const failing = assessDaemonSet(
      report([row('a', 'failing', { ready: false }), ...nodes(19, ok)]),
    );
    c.observe('one', failing, 0);
    c.observe('two', failing, grace);
    expect(c.observe('one', failing, grace).state).toBe('degraded');
    expect(c.observe('two', failing, grace).state).toBe('pending');
    c.forgetOlderThan(grace + 1);
    expect(c.observe('one', failing, grace + 2).state).toBe('pending');
  });
});
