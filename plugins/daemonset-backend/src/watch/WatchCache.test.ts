import { mockServices } from '@backstage/backend-test-utils';
import { kubeConfigFor } from '@daemonsets/plugin-daemonset-node';
import { V1Node } from '@kubernetes/client-node';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { eventually } from '../__testUtils__/eventually';
import { WatchCache } from './WatchCache';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
jest.setTimeout(30_000);

type WatchHandler = (res: http.ServerResponse, query: URLSearchParams) => void;

const node = (name: string, resourceVersion: string): V1Node => ({
  metadata: { name, resourceVersion },
});

describe('WatchCache', () => {
  let server: http.Server;
  let url: string;
  let onWatch: WatchHandler;
  /** When it returns a status, watch requests are refused with it. */
  let refuseWatch: () => number | undefined = () => undefined;
  const watches: URLSearchParams[] = [];
  const open: http.ServerResponse[] = [];
  let cache: WatchCache<V1Node> | undefined;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const query = new URL(req.url!, 'http://x').searchParams;
      watches.push(query);
      const refused = refuseWatch();
      if (refused) {
        res.writeHead(refused, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', code: refused }));
        return;
      }
      open.push(res);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      onWatch(res, query);
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    cache?.stop();
    open.splice(0).forEach(res => res.destroy());
    watches.length = 0;
    refuseWatch = () => undefined;
  });

  afterAll(() => new Promise(r => server.close(r)));

  function makeCache(
    list: () => Promise<{
      metadata: { resourceVersion: string };
      items: V1Node[];
    }>,
    timing = {},
    trim?: (n: V1Node) => V1Node,
  ) {
    const logger = mockServices.logger.mock();
    cache = new WatchCache<V1Node>({
      kubeConfig: kubeConfigFor({ name: 'fake', url, skipTLSVerify: true }),
      path: '/api/v1/nodes',
      list,
      trim,
      description: 'nodes of cluster fake',
      logger,
      timing: {
        stallTimeoutMs: 60_000,
        backoff: { initialMs: 20, maxMs: 100 },
        deniedGraceMs: 0,
        ...timing,
      },
    });
    return { cache, logger };
  }

  const POLL = { timeoutMs: 15_000, intervalMs: 10 };

  it('lists, then applies watch events, asking for bookmarks', async () => {
    onWatch = res => {
      res.write(
        `${JSON.stringify({ type: 'ADDED', object: node('b', '11') })}\n`,
      );
      res.write(
        `${JSON.stringify({ type: 'DELETED', object: node('a', '12') })}\n`,
      );
      res.write(
        `${JSON.stringify({
          type: 'BOOKMARK',
          object: { metadata: { resourceVersion: '13' } },
        })}\n`,
      );
    };
    const { cache: c } = makeCache(async () => ({
      metadata: { resourceVersion: '10' },
      items: [node('a', '9')],
    }));
    c.start();

    expect(await c.whenSynced(5000)).toBe(true);
    await eventually(
      'the watch events applied',
      () =>
        c
          .list()
          .map(n => n.metadata!.name)
          .join() === 'b',
      POLL,
    );
    expect(c.connection.state).toBe('connected');
    expect(watches[0].get('allowWatchBookmarks')).toBe('true');
    expect(watches[0].get('resourceVersion')).toBe('10');
  });

  it('takes in an update that changes nothing kept but is no change', async () => {
    const heartbeat = (
      resourceVersion: string,
      at: string,
      unschedulable = false,
    ): V1Node => ({
      metadata: { name: 'a', resourceVersion },
      spec: { unschedulable },
      status: {
        conditions: [
          { type: 'Ready', status: 'True', lastHeartbeatTime: at as any },
        ],
      },
    });
    // As the node trim: heartbeat times are not kept.
    const withoutHeartbeats = (n: V1Node): V1Node => ({
      ...n,
      status: {
        conditions: n.status?.conditions?.map(
          ({ lastHeartbeatTime: _dropped, ...kept }) => kept,
        ),
      },
    });
    onWatch = res => {
      for (const [type, object] of [
        ['MODIFIED', heartbeat('11', '2026-12-07T10:00:10Z')],
        ['MODIFIED', heartbeat('12', '2026-12-07T10:00:20Z')],
        ['MODIFIED', heartbeat('13', '2026-12-07T10:00:30Z', true)],
      ] as const) {
        res.write(`${JSON.stringify({ type, object })}\n`);
      }
    };
    const { cache: c } = makeCache(
      async () => ({
        metadata: { resourceVersion: '10' },
        items: [withoutHeartbeats(heartbeat('10', '2026-12-07T10:00:00Z'))],
      }),
      {},
      withoutHeartbeats,
    );
    let changes = 0;
    c.onChange(() => changes++);
    c.start();
    expect(await c.whenSynced(5000)).toBe(true);
    const synced = c.version;
    const changesWhenSynced = changes;

    await eventually(
      'the cordon taken in',
      () => c.list()[0]?.metadata?.resourceVersion === '13',
      POLL,
    );
    expect(c.list()[0].spec?.unschedulable).toBe(true);
    // Two heartbeats and a cordon: one change.
    expect(c.version - synced).toBe(1);
    expect(changes - changesWhenSynced).toBe(1);
  });

  it('lets a stopped cache and its objects be garbage-collected', async () => {
    // client-node's watch left, for every watch request, an aborted AbortSignal.any composite
    // in Node's gcPersistentSignals whose abort reason's stack trace kept the informer.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    onWatch = () => {};
    const refs = await (async () => {
      const { cache: c } = makeCache(async () => ({
        metadata: { resourceVersion: '10' },
        items: [node('a', '9')],
      }));
      c.start();
      await eventually(
        'the cache connected',
        () => c.connection.state === 'connected',
        POLL,
      );
      const listed = {
        cache: new WeakRef(c),
        object: new WeakRef(c.list()[0]),
      };
      c.stop();
      return listed;
    })();
    cache = undefined;
    for (let i = 0; i < 3 && refs.object.deref(); i++) {
      await new Promise(r => setTimeout(r, 10));
      gc();
    }
    expect(refs.object.deref()).toBeUndefined();
    expect(refs.cache.deref()).toBeUndefined();
  }, 20_000);

  it('re-lists after 410 Gone and drops objects deleted meanwhile', async () => {
    let lists = 0;
    onWatch = (res, query) => {
      if (query.get('resourceVersion') === '10') {
        res.end(
          `${JSON.stringify({
            type: 'ERROR',
            object: { kind: 'Status', code: 410 },
          })}\n`,
        );
      }
    };
    const { cache: c, logger } = makeCache(async () => {
      lists++;
      return lists === 1
        ? {
            metadata: { resourceVersion: '10' },
            items: [node('a', '1'), node('b', '2')],
          }
        : { metadata: { resourceVersion: '20' }, items: [node('b', '2')] };
    });
    c.start();

    await eventually(
      'the re-list and its watch',
      () => lists === 2 && watches.some(w => w.get('resourceVersion') === '20'),
      POLL,
    );
    expect(c.list().map(n => n.metadata!.name)).toEqual(['b']);
    expect(c.connection.state).toBe('connected');
    expect(logger.debug).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledWith(
      'Re-listing nodes of cluster fake: its resourceVersion expired (HTTP 410)',
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('restarts a watch that stalls without bookmarks', async () => {
    onWatch = () => {};
    const { cache: c, logger } = makeCache(
      async () => ({ metadata: { resourceVersion: '10' }, items: [] }),
      { stallTimeoutMs: 200 },
    );
    c.start();

    await eventually(
      'two restarts of the watch',
      () => watches.length >= 3,
      POLL,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('stalled (no event or bookmark for 0.2s)'),
    );
  });

  it('backs off on errors, reports them, and recovers', async () => {
    onWatch = res => res.write('');
    let calls = 0;
    const { cache: c } = makeCache(async () => {
      calls++;
      if (calls <= 2) {
        throw Object.assign(new Error('boom'), { code: 503 });
      }
      return { metadata: { resourceVersion: '10' }, items: [] };
    });
    const states: string[] = [];
    c.onChange(() => states.push(c.connection.state));
    c.start();

    await eventually(
      'the cache connected',
      () => c.connection.state === 'connected',
      POLL,
    );
    expect(states).toContain('connected');
    expect(calls).toBe(3);
  });

  it('fails at once on 403 and wakes waiting requests, then keeps retrying', async () => {
    let calls = 0;
    const { cache: c, logger } = makeCache(async () => {
      calls++;
      throw Object.assign(new Error('forbidden'), { code: 403 });
    });
    c.start();

    // Woken by the failure: a wait longer than the test's own ceiling cannot end by its timeout.
    expect(await c.whenSynced(120_000)).toBe(false);
    expect(c.connection).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('HTTP 403'),
    });

    await eventually('three retries of the list', () => calls >= 4, POLL);
    expect(c.connection.state).toBe('failed');
    // The same failure again and again is worth one warning, not one per retry.
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledWith(
      expect.stringContaining('failed: HTTP 403'),
    );
  });

  it.each([401, 403, 404])(
    'recovers by itself once a list refused with %i is allowed again',
    async status => {
      let allowed = false;
      onWatch = () => {};
      const { cache: c } = makeCache(async () => {
        if (!allowed) {
          throw Object.assign(new Error('denied'), { code: status });
        }
        return { metadata: { resourceVersion: '10' }, items: [node('a', '9')] };
      });
      const states: string[] = [];
      c.onChange(() => states.push(c.connection.state));
      c.start();

      expect(await c.whenSynced(5000)).toBe(false);
      expect(c.connection).toMatchObject({
        state: 'failed',
        reason: expect.stringContaining(`HTTP ${status}`),
      });
      allowed = true;

      await eventually(
        'the cache connected',
        () => c.connection.state === 'connected',
        POLL,
      );
      expect(c.synced).toBe(true);
      expect(c.list().map(n => n.metadata!.name)).toEqual(['a']);
      expect(states).toEqual(['failed', 'connected']);
    },
  );

  it('reports a watch refused with 403 at once and resumes it once allowed', async () => {
    let lists = 0;
    let refusing = false;
    onWatch = () => {};
    refuseWatch = () => (refusing ? 403 : undefined);
    const { cache: c, logger } = makeCache(async () => {
      lists++;
      return { metadata: { resourceVersion: '10' }, items: [node('a', '9')] };
    });
    const states: string[] = [];
    c.onChange(() => states.push(c.connection.state));
    c.start();
    // Connected once the list is in; wait for the watch that follows it to be open.
    await eventually(
      'the watch open',
      () =>
        logger.info.mock.calls.some(
          ([m]) => m === 'Watching nodes of cluster fake',
        ),
      POLL,
    );

    // The permission goes away; the server ends the open watch, the resumed one is refused.
    refusing = true;
    open.splice(0).forEach(res => res.end());
    await eventually(
      'the cache failed',
      () => c.connection.state === 'failed',
      POLL,
    );
    expect(c.connection).toMatchObject({
      reason:
        'HTTP 403: the service account may not list or watch these objects',
    });
    const refusedAt = watches.length;
    await eventually(
      'two refused watches',
      () => watches.length >= refusedAt + 2,
      POLL,
    );
    expect(c.connection.state).toBe('failed');

    refusing = false;
    await eventually(
      'the cache connected again',
      () => c.connection.state === 'connected',
      POLL,
    );
    expect(lists).toBe(1);
    expect(watches[watches.length - 1].get('resourceVersion')).toBe('10');
    expect(c.list().map(n => n.metadata!.name)).toEqual(['a']);
    expect(states.slice(-2)).toEqual(['failed', 'connected']);
    expect(logger.info).toHaveBeenCalledWith(
      'Watch of nodes of cluster fake reconnected',
    );
  });

  it('reports a watch refused with 403 within the grace as reconnecting, never failed', async () => {
    let refusing = false;
    onWatch = () => {};
    refuseWatch = () => (refusing ? 403 : undefined);
    const { cache: c } = makeCache(
      async () => ({
        metadata: { resourceVersion: '10' },
        items: [node('a', '9')],
      }),
      { deniedGraceMs: 60_000 },
    );
    const states: string[] = [];
    c.onChange(() => states.push(c.connection.state));
    c.start();
    await eventually(
      'the cache connected and watching',
      () => c.connection.state === 'connected' && open.length > 0,
      POLL,
    );

    // As after an API server restart: the open watch ends, the resumed ones are refused.
    refusing = true;
    open.splice(0).forEach(res => res.end());
    const refusedAt = watches.length;
    await eventually(
      'four refused watches',
      () => watches.length >= refusedAt + 4,
      POLL,
    );
    expect(c.connection).toMatchObject({
      state: 'reconnecting',
      reason: expect.stringContaining('HTTP 403'),
    });
    refusing = false;
    await eventually(
      'the cache connected again',
      () => c.connection.state === 'connected',
      POLL,
    );
    expect(states).not.toContain('failed');
    expect(c.list().map(n => n.metadata!.name)).toEqual(['a']);
  });

  it('reports a 403 that outlasts the grace as failed, without waiting for a retry', async () => {
    const { cache: c } = makeCache(
      async () => {
        throw Object.assign(new Error('forbidden'), { code: 403 });
      },
      { deniedGraceMs: 300, backoff: { initialMs: 60_000, maxMs: 60_000 } },
    );
    const states: string[] = [];
    c.onChange(() => states.push(c.connection.state));
    c.start();
    expect(await c.whenSynced(15_000)).toBe(false);
    expect(c.connection).toMatchObject({
      state: 'failed',
      reason: expect.stringContaining('HTTP 403'),
    });
    expect(states).toEqual(['reconnecting', 'failed']);
  });

  it.each([400, 422])(
    'gives up on %i: the request itself is rejected',
    async status => {
      let calls = 0;
      const { cache: c, logger } = makeCache(async () => {
        calls++;
        throw Object.assign(new Error('invalid'), { code: status });
      });
      c.start();

      expect(await c.whenSynced(5000)).toBe(false);
      expect(c.connection).toMatchObject({
        state: 'failed',
        reason: expect.stringContaining(
          `HTTP ${status}: the API server rejected`,
        ),
      });
      // A cache with the same backoff whose list fails transiently retries twice meanwhile.
      let controlCalls = 0;
      const control = new WatchCache<V1Node>({
        kubeConfig: kubeConfigFor({ name: 'fake', url, skipTLSVerify: true }),
        path: '/api/v1/nodes',
        list: async () => {
          controlCalls++;
          throw Object.assign(new Error('unavailable'), { code: 503 });
        },
        description: 'control',
        logger: mockServices.logger.mock(),
        timing: { backoff: { initialMs: 20, maxMs: 100 } },
      });
      control.start();
      try {
        await eventually(
          'two retries of the control',
          () => controlCalls >= 3,
          POLL,
        );
      } finally {
        control.stop();
      }
      expect(calls).toBe(1);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('not retrying'),
      );
    },
  );
});
