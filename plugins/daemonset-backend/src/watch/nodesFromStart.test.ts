import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  FakeApiServer,
  fakeClusterConfig,
  startFakeApiServer,
} from '../__testUtils__/fakeApiServer';
import { testServices } from '../__testUtils__/testBackend';
import { daemonSetPlugin } from '../plugin';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
jest.setTimeout(30_000);

let api: FakeApiServer;

beforeEach(async () => {
  api = await startFakeApiServer();
  api.collections.set('/api/v1/nodes', [
    { metadata: { name: 'node-1', resourceVersion: '1' } },
  ]);
});

afterEach(() => api.close());

async function start(daemonset: object) {
  return startTestBackend({
    features: [
      daemonSetPlugin,
      ...testServices({
        config: {
          daemonset,
          kubernetes: fakeClusterConfig(api, {
            name: 'fake',
            serviceAccountToken: 'nodes-token',
          }),
        },
      }),
    ],
  });
}

const nodeRequests = () => api.requests.filter(r => r.path === '/api/v1/nodes');

async function until(predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('the nodes of every cluster', () => {
  it('are listed and watched from start-up, before anyone asks for a status', async () => {
    const backend = await start({});
    try {
      // Listed (this fake server refuses WatchList), then watched from the list's version.
      await until(() => nodeRequests().some(r => !r.query.get('watch')));
      await until(() =>
        nodeRequests().some(
          r => r.query.get('watch') && !r.query.get('sendInitialEvents'),
        ),
      );
      // Nothing but the nodes: no entity's pods or DaemonSets were read.
      expect(
        api.requests.filter(
          r => r.path !== '/api/v1/nodes' && r.path !== '/api',
        ),
      ).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('are read only when needed with `daemonset.watchNodesFromStart: false`', async () => {
    const backend = await start({ watchNodesFromStart: false });
    try {
      const clusters = await request(backend.server)
        .get('/api/daemonset/clusters')
        .set('Authorization', mockCredentials.user.header());
      expect(clusters.status).toBe(200);
      expect(nodeRequests()).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
