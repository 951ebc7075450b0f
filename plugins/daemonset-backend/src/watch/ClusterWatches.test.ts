import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import net, { AddressInfo } from 'node:net';
import { eventually } from '../__testUtils__/eventually';
import {
  fakeClusterConfig,
  startFakeApiServer,
} from '../__testUtils__/fakeApiServer';
import { ClusterWatches } from './ClusterWatches';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
jest.setTimeout(30_000);

describe('ClusterWatches', () => {
  it('closes the connection of a list that times out against a server that never answers', async () => {
    let accepted = 0;
    const open = new Set<net.Socket>();
    // Reads what it gets (so it notices when the client closes) and never answers.
    const hanging = net.createServer(socket => {
      socket.resume();
      accepted++;
      open.add(socket);
      socket.on('close', () => open.delete(socket));
    });
    await new Promise<void>(r => hanging.listen(0, '127.0.0.1', r));
    const { port } = hanging.address() as AddressInfo;
    const watches = new ClusterWatches(
      {
        name: 'hanging',
        url: `https://127.0.0.1:${port}`,
        serviceAccountToken: 'x',
        skipTLSVerify: true,
      } as any,
      mockServices.logger.mock(),
      { listTimeoutMs: 100, backoff: { initialMs: 10, maxMs: 20 } },
    );
    const poll = {
      timeoutMs: 15_000,
      intervalMs: 10,
      describe: () => `accepted ${accepted}, open ${open.size}`,
    };
    try {
      const cache = watches.acquire('nodes');
      await eventually('four list attempts', () => accepted >= 4, poll);
      // Each timed-out list was aborted: at most the current attempt is still connected.
      expect(open.size).toBeLessThanOrEqual(1);
      expect(cache.connection).toMatchObject({
        state: 'failed',
        reason: 'request aborted or timed out',
      });

      watches.release(cache);
      await eventually('every connection closed', () => open.size === 0, poll);
    } finally {
      watches.stopAll();
      open.forEach(s => s.destroy());
      await new Promise(r => hanging.close(r));
    }
  });

  it.each([
    ['ends a WatchList early', 'endEarly', 'watchList'],
    ['refuses WatchLists', 'refuse', 'list'],
  ] as const)(
    'lists the nodes when the server %s, and goes on offering WatchLists only after an early end',
    async (_, watchLists, readsWithAfter) => {
      const api = await startFakeApiServer();
      api.watchLists = watchLists;
      const nodes = ['n1', 'n2', 'n3'].map(name => ({
        metadata: { name, resourceVersion: '1' },
      }));
      api.collections.set('/api/v1/nodes', nodes);
      const logger = mockServices.logger.mock();
      const watches = new ClusterWatches(
        {
          name: 'fake',
          url: api.url,
          serviceAccountToken: 'x',
          skipTLSVerify: true,
        } as any,
        logger,
        { watchList: true, protobuf: false },
      );
      try {
        const cache = watches.acquire('nodes');
        await eventually('the nodes listed', () => cache.synced, 10_000);
        expect(cache.list().map(n => n.metadata?.name)).toEqual([
          'n1',
          'n2',
          'n3',
        ]);
        const asked = (watchList: boolean) =>
          api.requests.filter(
            r =>
              r.path === '/api/v1/nodes' &&
              r.query.has('sendInitialEvents') === watchList &&
              r.query.get('watch') !== 'true',
          ).length;
        expect(
          api.requests.filter(r => r.query.has('sendInitialEvents')),
        ).toHaveLength(1);
        expect(asked(false)).toBe(1);
        expect(watches.readsWith).toBe(readsWithAfter);
        watches.release(cache);
      } finally {
        watches.stopAll();
        await api.close();
      }
    },
  );

  it.each([
    ['auto', 'identity'],
    ['gzip', 'gzip'],
    [undefined, 'identity'],
  ])(
    'asks an API server on this machine for its lists with listCompression %s as %s',
    async (listCompression, encoding) => {
      const api = await startFakeApiServer();
      api.collections.set('/api/v1/nodes', [
        { metadata: { name: 'n1', resourceVersion: '1' } },
      ]);
      const watches = ClusterWatches.fromConfig(
        new ConfigReader({
          kubernetes: fakeClusterConfig(api, {
            name: 'fake',
            serviceAccountToken: 'x',
          }),
          daemonset: { listCompression },
        }),
        { logger: mockServices.logger.mock() },
      ).get('fake')!;
      try {
        const cache = watches.acquire('nodes');
        await eventually('the nodes listed', () => cache.synced, 10_000);
        const list = api.requests.find(
          r => r.path === '/api/v1/nodes' && r.query.get('watch') !== 'true',
        );
        expect(list?.acceptEncoding).toBe(encoding);
        watches.release(cache);
      } finally {
        watches.stopAll();
        await api.close();
      }
    },
  );
});
