import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { CompoundEntityRef, Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fc from 'fast-check';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  capturingLogger,
  openSse,
  testServices,
} from './__testUtils__/testBackend';
import { daemonSetPlugin } from './plugin';

/**
 * Hostile callers: malformed route parameters, callers trying to pick the cluster, users reading
 * other owners' entities, and where credentials could leak. (The basics — 401, 403, 404 for an
 * invisible entity, no credentials in /clusters and in the logs of a failing cluster — are in
 * plugin.test.ts.)
 */

const TOKEN = 'hardening-secret-token';
const CA = 'aGFyZGVuaW5nLWNhLWRhdGE=';

const config = {
  daemonset: { initialListTimeout: { milliseconds: 200 } },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            url: 'https://127.0.0.1:1',
            serviceAccountToken: TOKEN,
            caData: CA,
          },
        ],
      },
    ],
  },
};

const agent: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'agent',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'agent' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

// Property runs make many requests on a shared 2-core machine: no bound under jest's 5 s default.
jest.setTimeout(60_000);

describe('hardening of the status routes', () => {
  it('answers any malformed path with a 4xx JSON error (or the status), never a 5xx', async () => {
    const logs = capturingLogger();
    const { server } = await startTestBackend({
      features: [
        daemonSetPlugin,
        logs.factory,
        ...testServices({ config, entities: [agent] }),
      ],
    });

    const nasty = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2E%2E%2F%2E%2E',
        '%2F',
        '..%2F..%2Fetc%2Fpasswd',
        '%00',
        '%',
        '%E0%A4%A',
        '%zz',
        '%C0%AE%C0%AE',
        'component',
        'Component',
        'COMPONENT',
        'user',
        'location',
        'a:b',
        'default/agent',
        '<script>',
        'x'.repeat(8000),
        '\u202e',
        '🙂',
        '*',
        '$%7B%7Bx%7D%7D',
      ),
      fc.string({ maxLength: 30 }).map(encodeURIComponent),
      fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
      fc
        .string({ unit: 'binary', maxLength: 20 })
        .map(s => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))),
      fc.constantFrom('default', 'component', 'agent'),
    );
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        nasty,
        nasty,
        nasty,
        fc.constantFrom('status', 'events', 'status/', 'x', ''),
        async (namespace, kind, name, route) => {
          const path = `/api/daemonset/entity/${namespace}/${kind}/${name}/${route}`;
          const response = await request(server)
            .get(path)
            .buffer(true)
            .timeout(5000)
            .catch(e => e.response ?? e);
          const status: number = response.status;
          seen.add(status);
          expect({ path: path.slice(0, 200), status }).toEqual({
            path: path.slice(0, 200),
            status: expect.any(Number),
          });
          expect(status).toBeLessThan(500);
          if (status === 200) return; // the one real entity
          expect(status).toBeGreaterThanOrEqual(400);
          if (status === 404 && !response.text?.startsWith('{')) {
            return; // no route matched: the backend's plain 404
          }
          const body = JSON.parse(response.text);
          expect(body.error).toMatchObject({
            name: expect.any(String),
            message: expect.any(String),
          });
          expect(response.text).not.toContain(TOKEN);
        },
      ),
      { numRuns: 300 },
    );
    // The backend is still up and serving.
    const clusters = await request(server).get('/api/daemonset/clusters');
    expect(clusters.status).toBe(200);
    expect(logs.lines.join('\n')).not.toContain(TOKEN);
    expect(logs.lines.join('\n')).not.toContain(CA);
    // eslint-disable-next-line no-console
    console.log(`route fuzz: statuses seen ${[...seen].sort().join(', ')}`);
  });

  it('takes clusters only from the configuration: a cluster URL in the query or a header does nothing', async () => {
    let evilConnections = 0;
    const evil = http.createServer((_req, res) => res.end('{}'));
    evil.on('connection', () => evilConnections++);
    await new Promise<void>(r => evil.listen(0, '127.0.0.1', r));
    const evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
    try {
      const { server } = await startTestBackend({
        features: [
          daemonSetPlugin,
          ...testServices({ config, entities: [agent] }),
        ],
      });
      const qs = new URLSearchParams({
        cluster: evilUrl,
        url: evilUrl,
        server: evilUrl,
        clusterUrl: evilUrl,
        'kubernetes.cluster': evilUrl,
        token: 'x',
      });
      const paths = [
        `/api/daemonset/entity/default/component/agent/status?${qs}`,
        `/api/daemonset/entity/default/component/agent/status?cluster=${encodeURIComponent(
          'https://evil.example',
        )}`,
        `/api/daemonset/clusters?${qs}`,
      ];
      for (const path of paths) {
        const response = await request(server)
          .get(path)
          .set('X-Kubernetes-Cluster', evilUrl)
          .set('X-Cluster-Url', evilUrl)
          .set('Backstage-Kubernetes-Authorization', 'Bearer evil')
          .set('X-Kubernetes-Server', evilUrl);
        expect(response.status).toBe(200);
        expect(response.text).not.toContain(evilUrl);
        expect(response.text).not.toContain('evil.example');
        const names = (response.body.items ?? response.body.clusters).map(
          (c: { name?: string; cluster?: string }) => c.name ?? c.cluster,
        );
        expect(names).toEqual(['local']);
      }
      const { port } = server.address() as AddressInfo;
      const sse = await openSse(
        `http://127.0.0.1:${port}/api/daemonset/entity/default/component/agent/status/stream?${qs}`,
        { 'X-Kubernetes-Cluster': evilUrl },
      );
      await sse.next();
      sse.close();
      await new Promise(r => setTimeout(r, 300));
      expect(evilConnections).toBe(0);
    } finally {
      await new Promise(r => evil.close(r));
    }
  });

  it("answers 404 to a user who may not see another owner's entity, 200 to its owner", async () => {
    const base = catalogServiceMock({ entities: [agent] });
    // A catalog whose permission rules let only alice (team-a) read the entity.
    const catalog = createServiceFactory({
      service: catalogServiceRef,
      deps: {},
      factory: () => ({
        ...base,
        async getEntityByRef(
          ref: string | CompoundEntityRef,
          options: { credentials: any },
        ) {
          const user = options.credentials?.principal?.userEntityRef;
          return user === 'user:default/alice'
            ? base.getEntityByRef(ref, options)
            : undefined;
        },
      }),
    });
    const { server } = await startTestBackend({
      features: [
        daemonSetPlugin,
        ...testServices({ config }).filter((_, i) => i !== 1),
        catalog,
      ],
    });
    const path = '/api/daemonset/entity/default/component/agent/status';
    for (const route of ['status', 'status/stream']) {
      const asBob = await request(server)
        .get(path.replace('status', route))
        .set('Authorization', mockCredentials.user.header('user:default/bob'));
      expect(asBob.status).toBe(404);
      expect(asBob.body.error.name).toBe('NotFoundError');
      expect(asBob.text).not.toContain('team-a');
    }
    const asAlice = await request(server)
      .get(path)
      .set('Authorization', mockCredentials.user.header('user:default/alice'));
    expect(asAlice.status).toBe(200);
    expect(asAlice.body.entityRef).toBe('component:default/agent');
  });

  it('never puts the token or CA in a status, an SSE stream or a log line', async () => {
    const logs = capturingLogger();
    const { server } = await startTestBackend({
      features: [
        daemonSetPlugin,
        logs.factory,
        ...testServices({ config, entities: [agent] }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const sse = await openSse(
      `http://127.0.0.1:${port}/api/daemonset/entity/default/component/agent/status/stream`,
    );
    await sse.next();
    // Let the failing watch retry a few times, each logging a line.
    await new Promise(r => setTimeout(r, 2500));
    const status = await request(server).get(
      '/api/daemonset/entity/default/component/agent/status',
    );
    sse.close();
    const everything = [
      status.text,
      sse.raw(),
      JSON.stringify(status.headers),
      logs.lines.join('\n'),
    ].join('\n');
    expect(logs.lines.length).toBeGreaterThan(1);
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(CA);
    expect(everything).not.toContain(Buffer.from(CA, 'base64').toString());
    expect(everything).not.toContain('Bearer');
  });
});
