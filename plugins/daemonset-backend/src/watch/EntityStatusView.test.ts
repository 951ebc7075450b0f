import { ConnectionState } from '@daemonsets/plugin-daemonset-common';
import { V1DaemonSet, V1Node, V1Pod } from '@kubernetes/client-node';
import { eventually } from '../__testUtils__/eventually';
import type { ClusterWatches } from './ClusterWatches';
import { DaemonSetGroup } from './DaemonSetGroup';
import {
  EntityStatusView,
  StatusChange,
  VersionClock,
} from './EntityStatusView';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
jest.setTimeout(30_000);

/** A stand-in for a WatchCache whose content the test sets. */
class FakeCache<T> {
  version = 1;
  lastChangedAt = Date.now();
  synced = true;
  connection: ConnectionState = {
    state: 'connected',
    since: '2024-01-01T00:00:00Z',
  };
  private readonly listeners = new Set<() => void>();
  constructor(public items: T[]) {}
  list() {
    return this.items;
  }
  whenSynced() {
    return Promise.resolve(true);
  }
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(items: T[]) {
    this.items = items;
    this.version++;
    this.lastChangedAt = Date.now();
    this.listeners.forEach(l => l());
  }
}

const NODES = 5000;
const uid = 'ds-uid';
const daemonSet: V1DaemonSet = {
  metadata: {
    name: 'agent',
    namespace: 'ns',
    uid,
    resourceVersion: '1',
    generation: 1,
  },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: {
      metadata: { labels: { app: 'agent' } },
      spec: { containers: [{ name: 'agent', image: 'agent:1' }] },
    },
  },
};
const nodes: V1Node[] = Array.from({ length: NODES }, (_, i) => ({
  metadata: {
    name: `node-${i}`,
    resourceVersion: `${i}`,
    labels: { 'kubernetes.io/hostname': `node-${i}` },
  },
  status: { conditions: [{ type: 'Ready', status: 'True' }] },
}));
const pod = (i: number, ready: boolean): V1Pod => ({
  metadata: {
    name: `agent-${i}`,
    namespace: 'ns',
    uid: `pod-${i}`,
    resourceVersion: `${i}-${ready}`,
    // A DaemonSet's pods carry its template labels (the entity's here).
    labels: { app: 'agent' },
    ownerReferences: [
      { uid, kind: 'DaemonSet', name: 'agent', apiVersion: 'apps/v1' },
    ],
    creationTimestamp: new Date('2024-01-01T00:00:00Z'),
  },
  spec: {
    nodeName: `node-${i}`,
    containers: [{ name: 'agent', image: 'agent:1' }],
  },
  status: {
    phase: 'Running',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containerStatuses: [
      {
        name: 'agent',
        image: 'agent:1',
        imageID: '',
        ready,
        restartCount: 0,
        state: { running: {} },
      },
    ],
  },
});

function setup() {
  const caches = {
    nodes: new FakeCache(nodes),
    daemonsets: new FakeCache([daemonSet]),
    pods: new FakeCache(nodes.map((_, i) => pod(i, true))),
    controllerrevisions: new FakeCache<object>([]),
  };
  const watches = {
    acquire: (kind: keyof typeof caches) => caches[kind],
    release: () => {},
  } as unknown as ClusterWatches;
  const group = new DaemonSetGroup(watches, 'ns', 'app=agent');
  group.start();
  const view = new EntityStatusView(
    {
      entityRef: 'component:default/agent',
      clusters: ['c'],
      labelSelector: 'app=agent',
      key: 'k',
    },
    [{ cluster: 'c', group }],
    new VersionClock(),
    { minPushIntervalMs: 250, gatherMs: 20 },
  );
  return { caches, view };
}

/** At most 15 s, so that a busy machine cannot fail a test; polled often, as pushes are timed. */
const POLL = { timeoutMs: 15_000, intervalMs: 5 };

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

describe('EntityStatusView', () => {
  it(`serves a warm ${NODES}-node status from the serialized cache`, () => {
    const { view, caches } = setup();

    let t = process.hrtime.bigint();
    const cold = view.current();
    const coldMs = ms(t);
    expect(JSON.parse(cold.json()).clusters[0].daemonSets[0].counts.ok).toBe(
      NODES,
    );

    t = process.hrtime.bigint();
    for (let i = 0; i < 1000; i++) view.current();
    const warmMs = ms(t) / 1000;
    expect(view.current()).toBe(cold);

    caches.pods.set(
      caches.pods.items.map((p, i) => (i === 7 ? pod(7, false) : p)),
    );
    t = process.hrtime.bigint();
    const changed = view.current();
    const changedMs = ms(t);
    expect(changed.version).toBeGreaterThan(cold.version);
    expect(JSON.parse(changed.json()).clusters[0].daemonSets[0].counts.ok).toBe(
      NODES - 1,
    );

    // eslint-disable-next-line no-console
    console.log(
      `${NODES} nodes: cold ${coldMs.toFixed(1)} ms, warm ${(
        warmMs * 1000
      ).toFixed(1)} µs, after one pod change ${changedMs.toFixed(1)} ms (${(
        cold.json().length / 1e6
      ).toFixed(1)} MB JSON)`,
    );
  });

  it('pushes a burst of changes as one event', async () => {
    const { view, caches } = setup();
    const first = view.current();
    const received: number[] = [];
    const unsubscribe = view.subscribe(({ snapshot }) =>
      received.push(snapshot.version),
    );

    for (let i = 0; i < 20; i++) {
      caches.pods.set(
        caches.pods.items.map((p, j) => (j === i ? pod(i, false) : p)),
      );
    }
    await eventually('the burst pushed', () => received.length > 0, POLL);
    // Pushes come only from the push timer: none pending means no second event of the burst.
    expect(view.pushPending).toBe(false);

    expect(received).toHaveLength(1);
    expect(received[0]).toBeGreaterThan(first.version);
    unsubscribe();
    expect(view.subscriberCount).toBe(0);
  });

  it('patches from the snapshot a subscriber joined with, also when it is newer than the last push', async () => {
    const { view, caches } = setup();
    const first = view.current();
    const early: StatusChange[] = [];
    view.subscribe(change => early.push(change));
    const setReady = (notReady: number[]) =>
      caches.pods.set(
        caches.pods.items.map((p, i) =>
          notReady.includes(i) ? pod(i, false) : p,
        ),
      );

    // A change, then a new subscriber reads the rebuilt snapshot before it is pushed ...
    setReady([1]);
    const joined = view.current();
    const late: StatusChange[] = [];
    view.subscribe(change => late.push(change));
    // ... and another change comes before the push.
    setReady([1, 2]);
    await eventually('the late subscriber’s push', () => late.length > 0, POLL);

    const change = late[0];
    expect(joined.version).toBeGreaterThan(first.version);
    expect(change.snapshot.version).toBeGreaterThan(joined.version);
    expect(change.patchFrom(joined.version)).toContain(
      `"base":${joined.version}`,
    );
    expect(change.patchFrom(first.version)).toContain(
      `"base":${first.version}`,
    );
    expect(change.patchFrom(first.version - 1)).toBeUndefined();
    expect(early[0]).toBe(change);
  });

  it('reports a failed rebuild on a push instead of throwing, and pushes after the next change', async () => {
    const failing = {
      failNext: false,
      builds: 0,
      onChange: (_listener: () => void) => () => {},
      whenSynced: async () => {},
      status: (cluster: string) => {
        if (failing.failNext) {
          failing.failNext = false;
          throw new Error('cannot build');
        }
        failing.builds++;
        const since = `T${failing.builds}`;
        return {
          cluster,
          connection: { state: 'connected', since },
          daemonSets: [],
        };
      },
    };
    let notify = () => {};
    failing.onChange = listener => {
      notify = listener;
      return () => {};
    };
    const errors: unknown[] = [];
    const view = new EntityStatusView(
      {
        entityRef: 'component:default/x',
        clusters: ['c'],
        labelSelector: 'a=b',
        key: 'k',
      },
      [{ cluster: 'c', group: failing as unknown as DaemonSetGroup }],
      new VersionClock(),
      { minPushIntervalMs: 10, gatherMs: 5 },
      error => errors.push(error),
    );
    view.current();
    const pushed: number[] = [];
    view.subscribe(({ snapshot }) => pushed.push(snapshot.version));

    failing.failNext = true;
    notify();
    await eventually(
      'the failed rebuild reported',
      () => errors.length > 0,
      POLL,
    );
    expect(errors).toEqual([new Error('cannot build')]);
    expect(pushed).toEqual([]);

    notify();
    await eventually(
      'a push after the next change',
      () => pushed.length > 0,
      POLL,
    );
    expect(errors).toHaveLength(1);
    expect(pushed).toEqual([view.current().version]);
  });
});
