import { mockServices } from '@backstage/backend-test-utils';
import {
  FakeApiServer,
  startFakeApiServer,
} from '../__testUtils__/fakeApiServer';
import { ClusterWatches } from '../watch/ClusterWatches';
import { PlacementNodes } from './PlacementNodes';

describe('PlacementNodes', () => {
  let api: FakeApiServer;
  let watches: ClusterWatches;

  beforeEach(async () => {
    api = await startFakeApiServer();
    api.collections.set('/api/v1/nodes', [
      { metadata: { name: 'n1' } },
      { metadata: { name: 'n2' } },
    ]);
    watches = new ClusterWatches(
      { name: 'c', url: api.url, skipTLSVerify: true },
      mockServices.logger.mock(),
    );
  });
  afterEach(async () => {
    watches.stopAll();
    await api.close();
  });

  it('holds the shared node cache while previews come, and releases it when idle', async () => {
    const nodes = new PlacementNodes({
      clusters: new Map([['c', watches]]),
      idleTimeoutMs: 300,
      syncTimeoutMs: 2000,
    });

    const first = await nodes.nodesOf('c');
    expect(first.nodes.map(n => n.metadata?.name).sort()).toEqual(['n1', 'n2']);
    expect(watches.openWatches).toBe(1);
    for (let i = 0; i < 4; i++) {
      await new Promise(r => setTimeout(r, 100));
      await nodes.nodesOf('c'); // keeps it held
    }
    expect(watches.openWatches).toBe(1);
    const lists = api.requests.filter(
      r => r.path === '/api/v1/nodes' && r.query.get('watch') !== 'true',
    );
    expect(lists).toHaveLength(1);

    await new Promise(r => setTimeout(r, 450));
    expect(watches.openWatches).toBe(0);
  });

  it('reads the cache the entity tab already holds, and leaves it to the tab', async () => {
    const tab = watches.acquire('nodes');
    await tab.whenSynced(2000);
    const nodes = new PlacementNodes({
      clusters: new Map([['c', watches]]),
      idleTimeoutMs: 100,
      syncTimeoutMs: 2000,
    });

    expect((await nodes.nodesOf('c')).nodes).toHaveLength(2);
    nodes.close();

    expect(watches.openWatches).toBe(1);
    expect(
      api.requests.filter(
        r => r.path === '/api/v1/nodes' && r.query.get('watch') !== 'true',
      ),
    ).toHaveLength(1);
    watches.release(tab);
    expect(watches.openWatches).toBe(0);
  });
});
