import { isContainerFailing, podNodeName, summarisePod } from './pods';
import { makePod, runningContainer } from './__fixtures__/kube';

describe('summarisePod', () => {
  it('summarises a running ready pod on the current revision', () => {
    const info = summarisePod(makePod('agent-a', { node: 'n1' }), 'rev2');
    expect(info).toEqual({
      name: 'agent-a',
      namespace: 'infra',
      phase: 'Running',
      ready: true,
      readySince: '2025-01-01T00:00:10Z',
      restarts: 0,
      startTime: '2025-01-01T00:00:01Z',
      createdAt: '2025-01-01T00:00:00Z',
      nodeName: 'n1',
      revision: 'rev2',
      currentRevision: true,
      deleting: false,
      containers: [
        {
          name: 'agent',
          image: 'agent:2',
          ready: true,
          restartCount: 0,
          state: 'running',
          startedAt: '2025-01-01T00:00:05Z',
        },
      ],
    });
  });

  it('accepts Date timestamps as client-node gives them', () => {
    const pod = makePod('agent-a', { node: 'n1' });
    pod.status!.startTime = new Date('2025-02-03T04:05:06Z');
    expect(summarisePod(pod).startTime).toBe('2025-02-03T04:05:06.000Z');
  });

  it('flags an old revision, and honours the template generation', () => {
    const pod = makePod('agent-a', { node: 'n1', revision: 'rev1' });
    expect(summarisePod(pod, 'rev2').currentRevision).toBe(false);
    pod.metadata!.labels!['pod-template-generation'] = '3';
    expect(summarisePod(pod, 'rev2', '3').currentRevision).toBe(true);
    expect(summarisePod(pod, 'rev2', '4').currentRevision).toBe(false);
  });

  it('treats an unknown current revision as current', () => {
    expect(
      summarisePod(makePod('agent-a', { revision: 'rev1' })).currentRevision,
    ).toBe(true);
  });

  it('explains a crash loop with the last termination', () => {
    const info = summarisePod(
      makePod('agent-a', {
        node: 'n1',
        ready: false,
        phase: 'Running',
        containers: [
          runningContainer('agent', {
            ready: false,
            restartCount: 7,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: 'back-off 5m0s restarting failed container',
              },
            },
            lastState: {
              terminated: {
                exitCode: 137,
                reason: 'OOMKilled',
                finishedAt: '2025-01-01T00:10:00Z',
              },
            },
          }),
          runningContainer('sidecar', { restartCount: 1 }),
        ],
      }),
    );
    expect(info.ready).toBe(false);
    expect(info.restarts).toBe(8);
    expect(info.reason).toBe('CrashLoopBackOff');
    expect(info.message).toBe(
      'container agent: last terminated: OOMKilled (exit code 137): back-off 5m0s restarting failed container',
    );
    expect(info.containers[0]).toMatchObject({
      state: 'waiting',
      reason: 'CrashLoopBackOff',
      lastTermination: {
        reason: 'OOMKilled',
        exitCode: 137,
        finishedAt: '2025-01-01T00:10:00Z',
      },
    });
  });

  it('explains an image pull failure', () => {
    const info = summarisePod(
      makePod('agent-a', {
        node: 'n1',
        ready: false,
        containers: [
          runningContainer('agent', {
            ready: false,
            state: {
              waiting: {
                reason: 'ImagePullBackOff',
                message: 'Back-off pulling image "agent:3"',
              },
            },
          }),
        ],
      }),
    );
    expect(info.phase).toBe('Pending');
    expect(info.reason).toBe('ImagePullBackOff');
    expect(info.message).toBe(
      'container agent: Back-off pulling image "agent:3"',
    );
  });

  it('explains an OOM kill', () => {
    const info = summarisePod(
      makePod('agent-a', {
        node: 'n1',
        ready: false,
        phase: 'Running',
        containers: [
          runningContainer('agent', {
            ready: false,
            restartCount: 2,
            state: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
          }),
        ],
      }),
    );
    expect(info.reason).toBe('OOMKilled');
    expect(info.message).toBe('container agent exited with code 137');
    expect(info.containers[0]).toMatchObject({
      state: 'terminated',
      exitCode: 137,
    });
  });

  it('blames a failing init container rather than the waiting containers', () => {
    const info = summarisePod(
      makePod('agent-a', {
        node: 'n1',
        ready: false,
        phase: 'Pending',
        initContainers: [
          runningContainer('setup', {
            ready: false,
            restartCount: 4,
            state: { waiting: { reason: 'CrashLoopBackOff' } },
            lastState: { terminated: { exitCode: 1, reason: 'Error' } },
          }),
        ],
        containers: [
          runningContainer('agent', {
            ready: false,
            state: { waiting: { reason: 'PodInitializing' } },
          }),
        ],
      }),
    );
    expect(info.reason).toBe('CrashLoopBackOff');
    expect(info.message).toBe(
      'init container setup: last terminated: Error (exit code 1)',
    );
    expect(info.restarts).toBe(4);
    expect(info.containers.map(c => [c.name, c.init ?? false])).toEqual([
      ['setup', true],
      ['agent', false],
    ]);
  });

  it('reports a starting container', () => {
    const info = summarisePod(
      makePod('agent-a', {
        node: 'n1',
        ready: false,
        containers: [
          runningContainer('agent', {
            ready: false,
            state: { waiting: { reason: 'ContainerCreating' } },
          }),
        ],
      }),
    );
    expect(info.reason).toBe('ContainerCreating');
    expect(info.containers.some(isContainerFailing)).toBe(false);
  });

  it("gives a failed pod's own reason", () => {
    const pod = makePod('agent-a', {
      node: 'n1',
      ready: false,
      phase: 'Failed',
    });
    pod.status!.reason = 'Evicted';
    pod.status!.message = 'The node was low on resource: memory.';
    const info = summarisePod(pod);
    expect(info.reason).toBe('Evicted');
    expect(info.message).toBe('The node was low on resource: memory.');
  });

  it('explains an unschedulable pod and finds its target node', () => {
    const pod = makePod('agent-a', { ready: false, targetNode: 'n7' });
    pod.status!.containerStatuses = [];
    pod.status!.conditions!.push({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message: '0/3 nodes are available: 1 Insufficient cpu.',
    });
    const info = summarisePod(pod);
    expect(info.reason).toBe('Unschedulable');
    expect(info.message).toBe('0/3 nodes are available: 1 Insufficient cpu.');
    expect(info.nodeName).toBe('n7');
    expect(podNodeName(pod)).toBe('n7');
  });

  it('flags a pod being deleted', () => {
    expect(summarisePod(makePod('agent-a', { deleting: true })).deleting).toBe(
      true,
    );
    expect(summarisePod(makePod('agent-a')).deleting).toBe(false);
  });
});

describe('isContainerFailing', () => {
  const base = {
    name: 'agent',
    image: 'agent:2',
    ready: false,
    restartCount: 0,
  };

  it('is true for failure waiting reasons only', () => {
    for (const reason of [
      'CrashLoopBackOff',
      'ImagePullBackOff',
      'ErrImagePull',
      'CreateContainerConfigError',
      'CreateContainerError',
      'InvalidImageName',
      'RunContainerError',
    ]) {
      expect(isContainerFailing({ ...base, state: 'waiting', reason })).toBe(
        true,
      );
    }
    expect(
      isContainerFailing({
        ...base,
        state: 'waiting',
        reason: 'ContainerCreating',
      }),
    ).toBe(false);
  });

  it('is true for a non-zero exit after restarts', () => {
    const exited = { ...base, state: 'terminated' as const, exitCode: 1 };
    expect(isContainerFailing(exited)).toBe(false);
    expect(isContainerFailing({ ...exited, restartCount: 1 })).toBe(true);
    expect(
      isContainerFailing({ ...exited, restartCount: 1, exitCode: 0 }),
    ).toBe(false);
  });

  it('is true for a container not ready again after a crash', () => {
    const restarted = {
      ...base,
      state: 'running' as const,
      restartCount: 3,
      lastTermination: { exitCode: 2, reason: 'Error' },
    };
    expect(isContainerFailing(restarted)).toBe(true);
    expect(isContainerFailing({ ...restarted, ready: true })).toBe(false);
  });
});
