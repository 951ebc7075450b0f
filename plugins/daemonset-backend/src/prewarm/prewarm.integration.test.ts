import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { migrateApprovalsUp } from '../approvals/migrations';
import { postgresSkipReason, storeTestIds } from '../__testUtils__/approvals';
import { eventually } from '../__testUtils__/eventually';
import {
  FakeApiServer,
  fakeClusterConfig,
  startFakeApiServer,
} from '../__testUtils__/fakeApiServer';
import {
  capturingLogger,
  componentEntity,
  testServices,
} from '../__testUtils__/testBackend';
import { daemonSetPlugin } from '../plugin';
import { RecentOpenings } from './RecentOpenings';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
const CEILING_MS = 15_000;
jest.setTimeout(60_000);

const pgSkip = postgresSkipReason();
const databases = TestDatabases.create({
  ids: storeTestIds(),
  disableDocker: true,
});

const NS = 'apps';
const entity = (name: string) =>
  componentEntity(name, {
    'backstage.io/kubernetes-id': name,
    'backstage.io/kubernetes-namespace': NS,
  });
const ENTITIES = [entity('alpha'), entity('beta')];
const selectorOf = (name: string) => `backstage.io/kubernetes-id=${name}`;

function daemonSet(name: string) {
  const labels = { app: name, 'backstage.io/kubernetes-id': name };
  return {
    metadata: {
      name,
      namespace: NS,
      uid: `uid-${name}`,
      resourceVersion: '1',
      generation: 1,
      labels,
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'c', image: 'img:1' }] },
      },
    },
  };
}

let api: FakeApiServer;

beforeEach(async () => {
  api = await startFakeApiServer();
  api.collections.set('/api/v1/nodes', [
    { metadata: { name: 'n1', resourceVersion: '1' } },
  ]);
  // The fake ignores label selectors: alpha's DaemonSet is the one answer.
  api.collections.set(`/apis/apps/v1/namespaces/${NS}/daemonsets`, [
    daemonSet('alpha'),
  ]);
  api.collections.set(`/api/v1/namespaces/${NS}/pods`, []);
  api.collections.set(`/apis/apps/v1/namespaces/${NS}/controllerrevisions`, []);
});

afterEach(() => api.close());

/** LIST requests (not watches) so far. */
const lists = () =>
  api.requests
    .filter(r => r.query.get('watch') !== 'true')
    .map(r => `${r.path}?${r.query}`);

/** Requests for `entity`'s DaemonSets, pods or revisions (lists and watches). */
const requestsFor = (name: string) =>
  api.requests.filter(r => r.query.get('labelSelector') === selectorOf(name))
    .length;

async function start(knex: Knex, daemonset: object) {
  const logs = capturingLogger();
  const backend = await startTestBackend({
    features: [
      daemonSetPlugin,
      logs.factory,
      mockServices.database.factory({ knex }),
      ...testServices({
        entities: ENTITIES,
        config: {
          daemonset: { initialListTimeout: { seconds: 10 }, ...daemonset },
          kubernetes: fakeClusterConfig(api, {
            name: 'fake',
            serviceAccountToken: 'prewarm-token',
          }),
        },
      }),
    ],
  });
  return { backend, logs: logs.lines };
}

const status = (backend: { server: any }, name: string) =>
  request(backend.server)
    .get(`/api/daemonset/entity/default/component/${name}/status`)
    .set('Authorization', mockCredentials.user.header());

const prewarmed = (logs: string[]) =>
  logs.find(l => l.startsWith('info Pre-warmed'));

describe('pre-warm', () => {
  it(`runs on PostgreSQL too${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
    expect(storeTestIds().length).toBe(pgSkip ? 1 : 2);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(databaseId);
    });

    it('is off by default: nothing is opened or recorded', async () => {
      const { backend, logs } = await start(knex, {});
      try {
        const response = await status(backend, 'alpha');
        expect(response.status).toBe(200);
        // Cold: the request itself listed alpha's collections.
        expect(requestsFor('alpha')).toBeGreaterThan(0);
        expect(requestsFor('beta')).toBe(0);
        expect(prewarmed(logs)).toBeUndefined();
        expect(
          await knex.schema.hasTable('daemonset_status_view_openings'),
        ).toBe(true); // the approvals ran the plugin's migrations
        expect(await knex('daemonset_status_view_openings')).toEqual([]);
      } finally {
        await backend.stop();
      }
    });

    it('opens the most recently opened entities at start-up and answers them without a list', async () => {
      await migrateApprovalsUp(knex);
      const recent = new RecentOpenings(knex, mockServices.logger.mock());
      await recent.write('component:default/beta', '2026-01-01T00:00:00.000Z');
      await recent.write('component:default/alpha', '2026-01-02T00:00:00.000Z');
      const { backend, logs } = await start(knex, {
        prewarm: { enabled: true, maxEntities: 1 },
      });
      try {
        await eventually(
          'the pre-warm log',
          () => prewarmed(logs) !== undefined,
          CEILING_MS,
        );
        expect(prewarmed(logs)).toMatch(
          /^info Pre-warmed the DaemonSet status of 1 recently opened entities in \d+ ms; heap used [\d.]+ MiB/,
        );
        // Only the newest opening, within maxEntities.
        expect(requestsFor('beta')).toBe(0);
        const before = lists();
        expect(before.length).toBeGreaterThan(0);

        const response = await status(backend, 'alpha');
        expect(response.status).toBe(200);
        expect(
          response.body.clusters[0].daemonSets.map(
            (r: any) => r.daemonSet.name,
          ),
        ).toEqual(['alpha']);
        // Warm: the first request needed no list (watches opening meanwhile do not count).
        expect(lists()).toEqual(before);
      } finally {
        await backend.stop();
      }
    });

    it('opens catalogued entities when none was recorded, and records users’ openings', async () => {
      const { backend, logs } = await start(knex, {
        prewarm: { enabled: true, maxEntities: 5 },
      });
      try {
        await eventually(
          'the pre-warm log',
          () => prewarmed(logs) !== undefined,
          CEILING_MS,
        );
        expect(prewarmed(logs)).toContain('of 2 catalog entities');
        expect(requestsFor('alpha')).toBeGreaterThan(0);
        expect(requestsFor('beta')).toBeGreaterThan(0);

        expect((await status(backend, 'beta')).status).toBe(200);
        let rows: Array<{ entity_ref: string }> = [];
        await eventually(
          'the recorded opening',
          async () => {
            rows = await knex('daemonset_status_view_openings');
            return rows.length > 0;
          },
          CEILING_MS,
        );
        expect(rows.map(r => r.entity_ref)).toEqual(['component:default/beta']);
      } finally {
        await backend.stop();
      }
    });
  });
});
