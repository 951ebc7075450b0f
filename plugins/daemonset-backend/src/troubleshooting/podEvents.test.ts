import { newestFirst, toPodEvent } from './podEvents';
import { parsePodRef } from './podAccess';

describe('toPodEvent', () => {
  it('prefers the series time and count, and the reporting component', () => {
    expect(
      toPodEvent({
        metadata: { uid: 'e1' },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container',
        involvedObject: { kind: 'Pod', name: 'agent-x' },
        count: 2,
        firstTimestamp: '2026-01-01T00:00:00Z',
        lastTimestamp: '2026-01-01T00:01:00Z',
        series: { count: 7, lastObservedTime: '2026-01-01T00:05:00Z' },
        reportingComponent: 'kubelet',
      }),
    ).toEqual({
      uid: 'e1',
      type: 'Warning',
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      involvedObject: { kind: 'Pod', name: 'agent-x' },
      count: 7,
      firstSeen: '2026-01-01T00:00:00Z',
      lastSeen: '2026-01-01T00:05:00Z',
      source: 'kubelet',
    });
  });

  it('sorts newest first, events without a time last', () => {
    const at = (uid: string, lastSeen?: string) =>
      toPodEvent({ metadata: { uid }, lastTimestamp: lastSeen });
    const sorted = [
      at('a', '2026-01-01T00:00:00Z'),
      at('b'),
      at('c', '2026-01-02T00:00:00Z'),
    ].sort(newestFirst);
    expect(sorted.map(e => e.uid)).toEqual(['c', 'a', 'b']);
  });
});

describe('parsePodRef', () => {
  const scope = {
    entityRef: 'component:default/a',
    clusters: ['local'],
    labelSelector: 'app=a',
    key: 'k',
  };
  it('accepts a configured cluster and valid names', () => {
    expect(
      parsePodRef(
        { cluster: 'local', podNamespace: 'ns', pod: 'agent-x' },
        scope,
      ),
    ).toEqual({ cluster: 'local', namespace: 'ns', pod: 'agent-x' });
  });
  it.each([
    [
      { cluster: 'other', podNamespace: 'ns', pod: 'p' },
      /^cluster: 'other' is not a cluster/,
    ],
    [
      { cluster: 'local', podNamespace: 'Bad_NS', pod: 'p' },
      /^namespace: 'Bad_NS' is not a valid/,
    ],
    [
      { cluster: 'local', podNamespace: 'ns', pod: '../x' },
      /^pod: '..\/x' is not a valid pod name/,
    ],
  ])('rejects %j naming the parameter', (params, message) => {
    expect(() => parsePodRef(params, scope)).toThrow(message);
  });
});
