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
  api.collections.set('/api/v1/pods', [
    {
      metadata: {
        name: 'agent-1',
        namespace: 'default',
        labels: { 'controller-revision-hash': 'h1' },
        resourceVersion: '1',
      },
    },
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

const requestsFor = (path: string) => api.requests.filter(r => r.path === path);

async function listedThenWatched(path: string) {
  // Listed (this fake server refuses WatchList), then watched from the list's version.
  await eventually(
    `${path} listed`,
    () => requestsFor(path).some(r => !r.query.get('watch')),
    CEILING_MS,
  );
  await eventually(
    `${path} watched`,
    () =>
      requestsFor(path).some(
        r => r.query.get('watch') && !r.query.get('sendInitialEvents'),
      ),
    CEILING_MS,
  );
}

describe('the nodes and DaemonSet pods of every cluster', () => {
  it('are listed and watched from start-up, before anyone asks for a status', async () => {
    const backend = await start({});
    try {
      await listedThenWatched('/api/v1/nodes');
      await listedThenWatched('/api/v1/pods');
      // Only the pods a DaemonSet controller made.
      expect(
        new Set(
          requestsFor('/api/v1/pods').map(r => r.query.get('labelSelector')),
        ),
      ).toEqual(new Set(['controller-revision-hash']));
      // Nothing else: no entity's pods or DaemonSets were read.
      expect(
        api.requests.filter(
          r => !['/api/v1/nodes', '/api/v1/pods', '/api'].includes(r.path),
        ),
      ).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('are read only when needed with `watchNodesFromStart` and `watchDaemonSetPodsFromStart` false', async () => {
    const backend = await start({
      watchNodesFromStart: false,
      watchDaemonSetPodsFromStart: false,
    });
    try {
      const clusters = await request(backend.server)
        .get('/api/daemonset/clusters')
        .set('Authorization', mockCredentials.user.header());
      expect(clusters.status).toBe(200);
      expect(requestsFor('/api/v1/nodes')).toEqual([]);
      expect(requestsFor('/api/v1/pods')).toEqual([]);
    } finally {
      await backend.stop();
    }
  });

  it('are held each by its own switch', async () => {
    const backend = await start({ watchNodesFromStart: false });
    try {
      await listedThenWatched('/api/v1/pods');
      expect(requestsFor('/api/v1/nodes')).toEqual([]);
    } finally {
      await backend.stop();
    }
  });
});
