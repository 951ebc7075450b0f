import { mockServices } from '@backstage/backend-test-utils';
import type { ClusterWatches } from './ClusterWatches';
import type { DaemonSetGroup } from './DaemonSetGroup';
import { StatusViews } from './StatusViews';

const IDLE_MS = 3000;
const scope = {
  entityRef: 'component:default/agent',
  clusters: ['c'],
  labelSelector: 'app=agent',
  key: 'k',
};

/** One cluster whose DaemonSet group finishes its first lists only when the test says so. */
function setup() {
  let finishLists = () => {};
  const listed = new Promise<void>(resolve => {
    finishLists = resolve;
  });
  const released: DaemonSetGroup[] = [];
  const group = {
    onChange: () => () => {},
    whenSynced: () => listed,
  } as unknown as DaemonSetGroup;
  const watches = {
    acquireGroup: () => group,
    releaseGroup: (g: DaemonSetGroup) => released.push(g),
  } as unknown as ClusterWatches;
  const views = new StatusViews({
    clusters: new Map([['c', watches]]),
    idleTimeoutMs: IDLE_MS,
    logger: mockServices.logger.mock(),
  });
  return { views, finishLists, released };
}

describe('StatusViews', () => {
  it('evicts a view nobody used for the idle timeout and releases its groups', () => {
    const { views, released } = setup();
    const view = views.viewOf(scope);

    views.sweep(view.lastUsedAt + IDLE_MS - 1);
    expect(views.size).toBe(1);
    views.sweep(view.lastUsedAt + IDLE_MS);
    expect(views.size).toBe(0);
    expect(released).toHaveLength(1);
    views.close();
  });

  it('sweeps on its own, but not on a tick that ran late after a blocked event loop', () => {
    jest.useFakeTimers();
    try {
      const { views, released } = setup();
      views.viewOf(scope);
      // The event loop was blocked for 5 s: the clock moved, no timer ran. The tick that runs
      // next is late; requests queued meanwhile have not reached their views yet.
      jest.setSystemTime(Date.now() + 5_000);
      jest.advanceTimersToNextTimer();
      expect(views.size).toBe(1);
      // The next tick is on time: the view, idle for longer than the timeout, goes.
      jest.advanceTimersToNextTimer();
      expect(views.size).toBe(0);
      expect(released).toHaveLength(1);
      views.close();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps a view while a request waits for its first lists longer than the idle timeout', async () => {
    const { views, finishLists, released } = setup();
    const view = views.viewOf(scope);
    const waiting = view.ready(60_000);

    views.sweep(view.lastUsedAt + 10 * IDLE_MS);
    expect(views.size).toBe(1);
    expect(released).toHaveLength(0);

    finishLists();
    await waiting;
    // Idle counts from the end of the wait, not from when the request arrived.
    views.sweep(view.lastUsedAt + IDLE_MS - 1);
    expect(views.size).toBe(1);
    views.sweep(view.lastUsedAt + IDLE_MS);
    expect(views.size).toBe(0);
    views.close();
  });

  it('keeps a view with a subscriber however long it is idle', () => {
    const { views } = setup();
    const view = views.viewOf(scope);
    const unsubscribe = view.subscribe(() => {});

    views.sweep(view.lastUsedAt + 100 * IDLE_MS);
    expect(views.size).toBe(1);
    unsubscribe();
    views.sweep(view.lastUsedAt + IDLE_MS);
    expect(views.size).toBe(0);
    views.close();
  });

  it('keeps a pinned (pre-warmed) view however long it is idle, also when a request opens it again', () => {
    const { views, released } = setup();
    const view = views.viewOf(scope, { pin: true });
    expect(views.viewOf(scope)).toBe(view);

    views.sweep(view.lastUsedAt + 100 * IDLE_MS);
    expect(views.size).toBe(1);
    expect(views.pinnedCount).toBe(1);
    expect(released).toHaveLength(0);
    views.close();
    expect(released).toHaveLength(1);
    expect(views.pinnedCount).toBe(0);
  });
});
