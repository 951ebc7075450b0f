import { summarisePod } from './pods';
import { summariseNode } from './report';
import { Eligibility, PodInfo } from './types';
import { assessNode, verdictFor } from './verdict';
import { makeNode, makePod, runningContainer } from './__fixtures__/kube';

const eligible: Eligibility = {
  eligible: true,
  reasons: [],
  shouldContinueRunning: true,
};
const ineligible: Eligibility = {
  eligible: false,
  reasons: ['nodeSelector pool=gpu not matched (node has no pool label)'],
  shouldContinueRunning: false,
};
const readyNode = summariseNode(makeNode('n1'));
const notReadyNode = summariseNode(makeNode('n1', { ready: false }));

function pod(options: Parameters<typeof makePod>[1] = {}): PodInfo {
  return summarisePod(makePod('agent-a', { node: 'n1', ...options }), 'rev2');
}

describe('verdictFor', () => {
  it('ok: ready on the current revision', () => {
    expect(assessNode(eligible, pod(), readyNode)).toEqual({
      verdict: 'ok',
      reason: 'pod ready on the current revision',
    });
  });

  it('missing: eligible without a pod', () => {
    expect(assessNode(eligible, undefined, readyNode)).toEqual({
      verdict: 'missing',
      reason: 'no pod on this node',
    });
  });

  it('notEligible: ineligible without a pod, with the reasons', () => {
    expect(assessNode(ineligible, undefined, readyNode)).toEqual({
      verdict: 'notEligible',
      reason: 'nodeSelector pool=gpu not matched (node has no pool label)',
    });
  });

  it('misscheduled: a pod on an ineligible node', () => {
    expect(verdictFor(ineligible, pod(), readyNode)).toBe('misscheduled');
    const onlyNoSchedule = { ...ineligible, shouldContinueRunning: true };
    expect(assessNode(onlyNoSchedule, pod(), readyNode).reason).toContain(
      'the controller leaves it running',
    );
  });

  describe('progressing', () => {
    it('on an old revision during a rollout', () => {
      expect(
        assessNode(eligible, pod({ revision: 'rev1' }), readyNode),
      ).toEqual({
        verdict: 'progressing',
        reason: 'pod runs old revision rev1; rollout pending',
      });
    });

    it('while starting', () => {
      const starting = pod({
        ready: false,
        containers: [
          runningContainer('agent', {
            ready: false,
            state: { waiting: { reason: 'ContainerCreating' } },
          }),
        ],
      });
      expect(
        assessNode(eligible, starting, readyNode, {
          now: '2025-01-01T00:01:00Z',
        }),
      ).toEqual({
        verdict: 'progressing',
        reason: 'pod starting (Pending, ContainerCreating)',
      });
    });

    it('while ready for less than minReadySeconds', () => {
      const context = { minReadySeconds: 30, now: '2025-01-01T00:00:20Z' };
      expect(assessNode(eligible, pod(), readyNode, context)).toEqual({
        verdict: 'progressing',
        reason: 'pod ready for 10s, not yet available (minReadySeconds 30)',
      });
      expect(
        verdictFor(eligible, pod(), readyNode, {
          ...context,
          now: '2025-01-01T00:00:40Z',
        }),
      ).toBe('ok');
    });

    it('while being deleted, even on an ineligible or NotReady node', () => {
      expect(verdictFor(eligible, pod({ deleting: true }), readyNode)).toBe(
        'progressing',
      );
      expect(verdictFor(ineligible, pod({ deleting: true }), readyNode)).toBe(
        'progressing',
      );
      expect(verdictFor(eligible, pod({ deleting: true }), notReadyNode)).toBe(
        'progressing',
      );
    });
  });

  describe('failing', () => {
    it('in a crash loop', () => {
      const crashing = pod({
        ready: false,
        phase: 'Running',
        containers: [
          runningContainer('agent', {
            ready: false,
            restartCount: 5,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
          }),
        ],
      });
      expect(assessNode(eligible, crashing, readyNode)).toEqual({
        verdict: 'failing',
        reason:
          'container agent: CrashLoopBackOff (last terminated: OOMKilled, exit code 137)',
      });
    });

    it('when the image cannot be pulled', () => {
      const pulling = pod({
        ready: false,
        containers: [
          runningContainer('agent', {
            ready: false,
            state: { waiting: { reason: 'ErrImagePull' } },
          }),
        ],
      });
      expect(verdictFor(eligible, pulling, readyNode)).toBe('failing');
    });

    it('when the pod failed', () => {
      const failed = makePod('agent-a', {
        node: 'n1',
        ready: false,
        phase: 'Failed',
      });
      failed.status!.reason = 'Evicted';
      expect(assessNode(eligible, summarisePod(failed), readyNode)).toEqual({
        verdict: 'failing',
        reason: 'pod failed: Evicted',
      });
    });

    it('when the pod cannot be scheduled', () => {
      const raw = makePod('agent-a', { ready: false, targetNode: 'n1' });
      raw.status!.containerStatuses = [];
      raw.status!.conditions!.push({
        type: 'PodScheduled',
        status: 'False',
        reason: 'Unschedulable',
        message: 'Insufficient cpu',
      });
      expect(assessNode(eligible, summarisePod(raw), readyNode)).toEqual({
        verdict: 'failing',
        reason: 'pod cannot be scheduled: Insufficient cpu',
      });
    });

    it('when the pod stays not ready too long', () => {
      const notReady = pod({ ready: false, phase: 'Running' });
      expect(
        assessNode(eligible, notReady, readyNode, {
          now: '2025-01-01T00:20:01Z',
        }),
      ).toEqual({
        verdict: 'failing',
        reason: 'pod not ready for 20m (Running)',
      });
      expect(
        verdictFor(eligible, notReady, readyNode, {
          now: '2025-01-01T00:20:01Z',
          stuckAfterSeconds: 3600,
        }),
      ).toBe('progressing');
    });

    it('on a NotReady node, even if the pod still looks ready', () => {
      expect(assessNode(eligible, pod(), notReadyNode)).toEqual({
        verdict: 'failing',
        reason:
          'node n1 is NotReady; its pod cannot run (its ready status is stale)',
      });
    });

    it('on a NotReady node made ineligible by the not-ready:NoSchedule taint', () => {
      const keepsRunning: Eligibility = {
        eligible: false,
        reasons: [
          'taint node.kubernetes.io/not-ready:NoSchedule not tolerated',
        ],
        shouldContinueRunning: true,
      };
      expect(
        verdictFor(keepsRunning, pod({ ready: false }), notReadyNode),
      ).toBe('failing');
      expect(verdictFor(keepsRunning, undefined, notReadyNode)).toBe(
        'notEligible',
      );
    });
  });
});
