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
import { eventually } from '../__testUtils__/eventually';
import { testServices } from '../__testUtils__/testBackend';
import { daemonSetPlugin } from '../plugin';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
const CEILING_MS = 15_000;
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

describe('the nodes of every cluster', () => {
  it('are listed and watched from start-up, before anyone asks for a status', async () => {
    const backend = await start({});
    try {
      // Listed (this fake server refuses WatchList), then watched from the list's version.
      await eventually(
        'the nodes listed',
        () => nodeRequests().some(r => !r.query.get('watch')),
        CEILING_MS,
      );
      await eventually(
        'the nodes watched',
        () =>
          nodeRequests().some(
            r => r.query.get('watch') && !r.query.get('sendInitialEvents'),
          ),
        CEILING_MS,
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
