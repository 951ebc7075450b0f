import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  capturingLogger,
  openSse,
  testServices,
} from './__testUtils__/testBackend';
import { daemonSetPlugin } from './plugin';

const TOKEN = 'secret-token-value';
const CA = 'c2VjcmV0LWNh';

const config = {
  daemonset: { initialListTimeout: { milliseconds: 300 } },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            title: 'Local cluster',
            // Nothing listens there: the cluster is unreachable.
            url: 'https://127.0.0.1:1',
            serviceAccountToken: TOKEN,
            caData: CA,
          },
        ],
      },
    ],
  },
};

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'agent', namespace: 'default', annotations },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

const STATUS = '/api/daemonset/entity/default/component/agent/status';
const EVENTS = '/api/daemonset/entity/default/component/agent/status/stream';

async function start(
  options: {
    entities?: Entity[];
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  } = {},
) {
  const logs = capturingLogger();
  const backend = await startTestBackend({
    features: [
      daemonSetPlugin,
      logs.factory,
      ...testServices({ config, ...options }),
    ],
  });
  return { ...backend, logs: logs.lines };
}

describe('daemonSetPlugin', () => {
  it('lists configured clusters without URLs or credentials', async () => {
    const { server } = await start();

    const response = await request(server).get('/api/daemonset/clusters');

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        {
          name: 'local',
          title: 'Local cluster',
          connection: {
            state: 'failed',
            message: 'connection refused (ECONNREFUSED)',
            checkedAt: expect.any(String),
          },
        },
      ],
    });
    expect(response.text).not.toContain(TOKEN);
    expect(response.text).not.toContain('127.0.0.1');
    expect(response.text).not.toContain(CA);
  });

  it('refuses unauthenticated requests', async () => {
    const { server } = await start({
      entities: [entity({ 'backstage.io/kubernetes-id': 'agent' })],
    });

    for (const path of ['/api/daemonset/clusters', STATUS, EVENTS]) {
      const response = await request(server)
        .get(path)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);
    }
  });

  it('answers 404 when the caller cannot see the entity, even without the permission', async () => {
    const { server } = await start({ permission: AuthorizeResult.DENY });

    const response = await request(server).get(STATUS);

    expect(response.status).toBe(404);
    expect(response.body.error.name).toBe('NotFoundError');
  });

  it('answers 403 without the daemonset.status.read permission', async () => {
    const { server } = await start({
      entities: [entity({ 'backstage.io/kubernetes-id': 'agent' })],
      permission: AuthorizeResult.DENY,
    });

    const status = await request(server).get(STATUS);
    const events = await request(server).get(EVENTS);

    expect(status.status).toBe(403);
    expect(status.body.error.name).toBe('NotAllowedError');
    expect(events.status).toBe(403);
  });

  it('answers 400 for an entity without kubernetes annotations', async () => {
    const { server } = await start({ entities: [entity({})] });

    const response = await request(server).get(STATUS);

    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(
      'backstage.io/kubernetes-label-selector',
    );
    expect(response.body.error.message).toContain('backstage.io/kubernetes-id');
  });

  it.each([
    ['backstage.io/kubernetes-label-selector', 'app in (a,b'],
    ['backstage.io/kubernetes-label-selector', 'app=a b'],
    ['backstage.io/kubernetes-id', 'not a label value'],
    ['backstage.io/kubernetes-namespace', 'Not_A_Namespace'],
    ['backstage.io/kubernetes-cluster', 'elsewhere'],
  ])(
    'answers 400 naming the annotation %s when it is %j',
    async (key, value) => {
      const annotations: Record<string, string> = {
        'backstage.io/kubernetes-id': 'agent',
        [key]: value,
      };
      const { server } = await start({ entities: [entity(annotations)] });

      const response = await request(server).get(STATUS);

      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain(
        `Annotation ${key} is invalid`,
      );
    },
  );

  // How fast it answers is a figure for the benchmarks, not a bound here: the answer itself
  // (state and reason of the connection) shows it did not wait for the cluster.
  it('reports an unreachable cluster as such, without credentials in the answer or the logs', async () => {
    const { server, logs } = await start({
      entities: [entity({ 'backstage.io/kubernetes-id': 'agent' })],
    });

    const response = await request(server).get(STATUS);

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      entityRef: 'component:default/agent',
      clusters: [
        {
          cluster: 'local',
          daemonSets: [],
          connection: {
            state: expect.stringMatching(/^(reconnecting|failed)$/),
            reason: expect.stringContaining('ECONNREFUSED'),
          },
          error: { message: expect.stringContaining('Cluster not read yet') },
        },
      ],
    });
    const everything = `${response.text}\n${logs.join('\n')}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(CA);
    expect(logs.join('\n')).toContain('Watch of nodes of cluster local failed');
  });

  it('answers with its version as ETag, gzip once asked, and 304 to a client that has it', async () => {
    const { server } = await start({
      entities: [entity({ 'backstage.io/kubernetes-id': 'agent' })],
    });
    const gzipped = await request(server)
      .get(STATUS)
      .set('Accept-Encoding', 'gzip');
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toContain('Accept-Encoding');
    expect(gzipped.headers.etag).toMatch(/^W\/"\d+"$/);
    expect(gzipped.body.entityRef).toBe('component:default/agent');

    const plain = await request(server)
      .get(STATUS)
      .set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(
      Buffer.byteLength(plain.text),
    );
    expect(JSON.parse(plain.text).entityRef).toBe('component:default/agent');

    // The unreachable cluster's state may move on between two requests: then a 200 with a
    // new version is right; a stable version must give a 304.
    const outcomes: string[] = [];
    for (let i = 0; i < 10 && !outcomes.includes('304'); i++) {
      const first = await request(server).get(STATUS);
      const second = await request(server)
        .get(STATUS)
        .set('If-None-Match', first.headers.etag);
      if (second.status === 304) {
        outcomes.push(second.text === '' ? '304' : '304 with a body');
      } else {
        outcomes.push(
          second.headers.etag === first.headers.etag
            ? '200 for the same version'
            : '200 for a new version',
        );
      }
    }
    expect(outcomes).toContain('304');
    expect(outcomes).not.toContain('304 with a body');
    expect(outcomes).not.toContain('200 for the same version');
    const stale = await request(server)
      .get(STATUS)
      .set('If-None-Match', 'W/"1"');
    expect(stale.status).toBe(200);
  });

  it('streams a snapshot over SSE and resumes without a duplicate', async () => {
    const { server } = await start({
      entities: [entity({ 'backstage.io/kubernetes-id': 'agent' })],
    });
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}${EVENTS}`;

    const first = await openSse(url);
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toContain('text/event-stream');
    const snapshot = await first.next();
    expect(snapshot.event).toBe('snapshot');
    expect(Number(snapshot.id)).toBeGreaterThan(0);
    expect(JSON.parse(snapshot.data).entityRef).toBe('component:default/agent');
    first.close();

    const resumed = await openSse(url, { 'Last-Event-ID': snapshot.id! });
    await expect(resumed.next(500)).rejects.toThrow('no SSE event');
    expect(resumed.raw()).toContain('retry:');
    resumed.close();

    const stale = await openSse(url, { 'Last-Event-ID': '1' });
    expect((await stale.next()).event).toBe('snapshot');
    stale.close();
  });
});
