import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  defaultApprovalPolicy,
  PlacementPreview,
} from '@daemonsets/plugin-daemonset-common';
import request from 'supertest';
import {
  FakeApiServer,
  fakeClusterConfig,
  startFakeApiServer,
} from '../__testUtils__/fakeApiServer';
import { capturingLogger, testServices } from '../__testUtils__/testBackend';
import { daemonSetPlugin } from '../plugin';
import { MAX_KEYED_OBJECTS } from './keyedObjects';

const TOKEN = 'wizard-token-value';
const MARKER = 'marker-value-7f3c9e1d-never-leaves-the-backend';
const MARKER_B64 = Buffer.from(MARKER).toString('base64');
const NS = 'team-a';

let api: FakeApiServer;

beforeEach(async () => {
  api = await startFakeApiServer();
  api.collections.set('/api/v1/namespaces', [
    { metadata: { name: 'team-b' } },
    { metadata: { name: 'kube-system' } },
    { metadata: { name: NS } },
    { metadata: { name: 'leaving' }, status: { phase: 'Terminating' } },
  ]);
  api.collections.set(`/api/v1/namespaces/${NS}/secrets`, [
    {
      metadata: {
        name: 'registry',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': `{"stringData":{"token":"${MARKER}"}}`,
        },
      },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': MARKER_B64 },
    },
    {
      metadata: { name: 'db' },
      type: 'Opaque',
      data: { password: MARKER_B64, user: MARKER_B64 },
      stringData: { url: MARKER },
      binaryData: { cert: MARKER_B64 },
    },
  ]);
  api.collections.set(`/api/v1/namespaces/${NS}/configmaps`, [
    { metadata: { name: 'settings' }, data: { 'b.yaml': MARKER, a: MARKER } },
    { metadata: { name: 'empty' } },
  ]);
  api.collections.set('/api/v1/nodes', [
    { metadata: { name: 'n1', labels: { disktype: 'ssd' } } },
    { metadata: { name: 'n2', labels: { disktype: 'hdd' } } },
    {
      metadata: { name: 'gpu-1', labels: { disktype: 'ssd' } },
      spec: {
        taints: [
          { key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' },
        ],
      },
    },
  ]);
});

afterEach(() => api.close());

async function start(
  options: {
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    daemonset?: object;
  } = {},
) {
  const logs = capturingLogger();
  const { server } = await startTestBackend({
    features: [
      daemonSetPlugin,
      logs.factory,
      ...testServices({
        permission: options.permission,
        config: {
          daemonset: {
            initialListTimeout: { seconds: 2 },
            // What the routes read, and only that, reaches the fake API server.
            watchNodesFromStart: false,
            watchDaemonSetPodsFromStart: false,
            ...options.daemonset,
          },
          kubernetes: fakeClusterConfig(
            api,
            { name: 'fake', title: 'Fake cluster', serviceAccountToken: TOKEN },
            [
              {
                name: 'down',
                url: 'https://127.0.0.1:1',
                serviceAccountToken: TOKEN,
              },
            ],
          ),
        },
      }),
    ],
  });
  return { server, logs: logs.lines };
}

const BASE = '/api/daemonset';
const GET_ROUTES = [
  '/policy',
  '/clusters/fake/namespaces',
  `/clusters/fake/namespaces/${NS}/secrets`,
  `/clusters/fake/namespaces/${NS}/configmaps`,
];
const PLACEMENT = `${BASE}/clusters/fake/placement`;

describe('wizard routes', () => {
  it('refuse requests without credentials', async () => {
    const { server } = await start();
    for (const path of ['/clusters', ...GET_ROUTES]) {
      const response = await request(server)
        .get(BASE + path)
        .set('Authorization', mockCredentials.none.header());
      expect({ path, status: response.status }).toEqual({ path, status: 401 });
    }
    const placement = await request(server)
      .post(PLACEMENT)
      .set('Authorization', mockCredentials.none.header())
      .send({ input: {} });
    expect(placement.status).toBe(401);
    expect(api.requests).toEqual([]);
  });

  it('answer 403 without daemonset.cluster.read, and list clusters without their state', async () => {
    const { server } = await start({ permission: AuthorizeResult.DENY });
    for (const path of GET_ROUTES) {
      const response = await request(server).get(BASE + path);
      expect({ path, status: response.status }).toEqual({ path, status: 403 });
      expect(response.body.error.name).toBe('NotAllowedError');
      expect(response.body.error.message).toContain('daemonset.cluster.read');
    }
    const placement = await request(server).post(PLACEMENT).send({ input: {} });
    expect(placement.status).toBe(403);

    const clusters = await request(server).get(`${BASE}/clusters`);
    expect(clusters.status).toBe(200);
    expect(clusters.body.items).toEqual([
      {
        name: 'fake',
        title: 'Fake cluster',
        connection: { state: 'unknown', checkedAt: expect.any(String) },
      },
      {
        name: 'down',
        connection: { state: 'unknown', checkedAt: expect.any(String) },
      },
    ]);
    expect(api.requests).toEqual([]);
  });

  it('answer 404 naming the configured clusters for any other cluster', async () => {
    const { server } = await start();
    const paths = [
      '/clusters/elsewhere/namespaces',
      `/clusters/elsewhere/namespaces/${NS}/secrets`,
      `/clusters/elsewhere/namespaces/${NS}/configmaps`,
    ];
    for (const path of paths) {
      const response = await request(server).get(BASE + path);
      expect({ path, status: response.status }).toEqual({ path, status: 404 });
      expect(response.body.error.name).toBe('NotFoundError');
      expect(response.body.error.message).toContain(
        '"elsewhere" is not configured (known: fake, down)',
      );
    }
    const placement = await request(server)
      .post(`${BASE}/clusters/elsewhere/placement`)
      .send({ input: {} });
    expect(placement.status).toBe(404);
  });

  it('reports each cluster connected or failed, checking each at most once per 10 s', async () => {
    const { server, logs } = await start();

    const first = await request(server).get(`${BASE}/clusters`);
    const second = await request(server).get(`${BASE}/clusters`);

    expect(first.status).toBe(200);
    expect(first.body.items).toEqual([
      {
        name: 'fake',
        title: 'Fake cluster',
        connection: { state: 'connected', checkedAt: expect.any(String) },
      },
      {
        name: 'down',
        connection: {
          state: 'failed',
          message: 'connection refused (ECONNREFUSED)',
          checkedAt: expect.any(String),
        },
      },
    ]);
    expect(second.body).toEqual(first.body);
    const probes = api.requests.filter(r => r.path === '/api');
    expect(probes).toHaveLength(1);
    expect(probes[0].auth).toBe(`Bearer ${TOKEN}`);
    expect(`${first.text}${logs.join('\n')}`).not.toContain(TOKEN);
  });

  it('lists namespaces sorted, with what the approval policy says of each', async () => {
    const { server } = await start({
      daemonset: {
        policy: {
          protectedNamespaces: {
            decision: 'requireApproval',
            namespaces: ['kube-system', 'team-b'],
          },
        },
      },
    });

    const response = await request(server).get(
      `${BASE}/clusters/fake/namespaces`,
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [
        { name: 'kube-system', policy: 'requireApproval' },
        { name: 'team-a', policy: 'allow' },
        { name: 'team-b', policy: 'requireApproval' },
      ],
    });
  });

  it('serves the effective approval policy, the default one when none is configured', async () => {
    const { server } = await start();
    const response = await request(server).get(`${BASE}/policy`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(defaultApprovalPolicy);

    const namespaces = await request(server).get(
      `${BASE}/clusters/fake/namespaces`,
    );
    expect(namespaces.body.items[0]).toEqual({
      name: 'kube-system',
      policy: 'deny',
    });
  });

  it('lists Secrets and ConfigMaps as names and keys, and no value reaches the answer or the logs', async () => {
    const { server, logs } = await start();

    const secrets = await request(server).get(
      `${BASE}/clusters/fake/namespaces/${NS}/secrets`,
    );
    const configMaps = await request(server).get(
      `${BASE}/clusters/fake/namespaces/${NS}/configmaps`,
    );

    expect(secrets.status).toBe(200);
    expect(secrets.body).toEqual({
      items: [
        {
          name: 'db',
          type: 'Opaque',
          keys: ['cert', 'password', 'url', 'user'],
        },
        {
          name: 'registry',
          type: 'kubernetes.io/dockerconfigjson',
          keys: ['.dockerconfigjson'],
        },
      ],
    });
    expect(configMaps.body).toEqual({
      items: [
        { name: 'empty', keys: [] },
        { name: 'settings', keys: ['a', 'b.yaml'] },
      ],
    });
    const secretList = api.requests.find(r => r.path.endsWith('/secrets'))!;
    expect(secretList.query.get('fieldSelector')).toBe(
      'type!=helm.sh/release.v1',
    );
    const everything = [secrets.text, configMaps.text, ...logs].join('\n');
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toContain(MARKER_B64);
  });

  it('reads Secrets page by page, up to its limit', async () => {
    const many = Array.from({ length: MAX_KEYED_OBJECTS + 50 }, (_, i) => ({
      metadata: { name: `s-${String(i).padStart(4, '0')}` },
      data: { key: MARKER_B64 },
    }));
    api.collections.set(`/api/v1/namespaces/${NS}/secrets`, many);
    const { server } = await start();

    const response = await request(server).get(
      `${BASE}/clusters/fake/namespaces/${NS}/secrets`,
    );

    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(MAX_KEYED_OBJECTS);
    expect(response.body.items[0]).toEqual({ name: 's-0000', keys: ['key'] });
    const pages = api.requests.filter(r => r.path.endsWith('/secrets'));
    expect(pages.length).toBe(5);
    expect(pages.every(p => Number(p.query.get('limit')) <= 100)).toBe(true);
  });

  it('answers 503 with a reason in words when the cluster refuses, without values or credentials', async () => {
    api.failures.set(`/api/v1/namespaces/${NS}/secrets`, 403);
    const { server, logs } = await start();

    const refused = await request(server).get(
      `${BASE}/clusters/fake/namespaces/${NS}/secrets`,
    );
    const unreachable = await request(server).get(
      `${BASE}/clusters/down/namespaces`,
    );

    expect(refused.status).toBe(503);
    expect(refused.body.error.message).toBe(
      `Could not read the Secrets of namespace ${NS} in cluster fake: HTTP 403: the service account may not list or watch these objects`,
    );
    expect(unreachable.status).toBe(503);
    expect(unreachable.body.error.message).toContain('ECONNREFUSED');
    const everything = [refused.text, unreachable.text, ...logs].join('\n');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(MARKER);
  });

  it('answers 400 for a namespace that is not a namespace name', async () => {
    const { server } = await start();
    const response = await request(server).get(
      `${BASE}/clusters/fake/namespaces/${encodeURIComponent(
        '../nodes',
      )}/secrets`,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
  });

  it('previews placement from the shared node cache', async () => {
    const { server } = await start();

    const response = await request(server)
      .post(PLACEMENT)
      .send({
        input: {
          name: 'agent',
          containers: [
            { name: 'agent', resources: { requests: { cpu: '500m' } } },
          ],
          scheduling: { nodeSelector: { disktype: 'ssd' } },
        },
      });

    expect(response.status).toBe(200);
    const preview: PlacementPreview = response.body;
    expect(preview).toEqual({
      cluster: 'fake',
      totalNodes: 3,
      eligibleNodes: 1,
      excluded: [
        {
          kind: 'nodeSelector',
          reason:
            'nodeSelector disktype=ssd not matched (node has disktype=hdd)',
          count: 1,
          examples: ['n2'],
        },
        {
          kind: 'taint',
          reason: 'taint nvidia.com/gpu=present:NoSchedule not tolerated',
          count: 1,
          examples: ['gpu-1'],
        },
      ],
      cost: {
        perPod: { cpu: 0.5, memory: 512 * 1024 * 1024 },
        fleet: { cpu: 0.5, memory: 512 * 1024 * 1024 },
      },
      observedAt: expect.any(String),
    });

    // Warm: the node list is not read again.
    const again = await request(server).post(PLACEMENT).send({ input: {} });
    expect(again.body.eligibleNodes).toBe(2);
    const lists = api.requests.filter(
      r => r.path === '/api/v1/nodes' && r.query.get('watch') !== 'true',
    );
    expect(lists).toHaveLength(1);
  });

  it.each([
    ['a body that is not JSON', '{"input":', 'not valid JSON'],
    ['a body without input', { form: {} }, '{ "input": { ... } }'],
    ['an input that is not an object', { input: [1] }, '{ "input": { ... } }'],
    [
      'an invalid toleration',
      { input: { scheduling: { tolerations: [{ key: 'a', operator: 'X' }] } } },
      'input.scheduling.tolerations[0].operator: must be one of: Equal, Exists',
    ],
    [
      'an invalid quantity',
      { input: { containers: [{ resources: { requests: { cpu: 'lots' } } }] } },
      'input.containers[0].resources.requests.cpu',
    ],
  ])('answers 400 naming the field for %s', async (_what, body, message) => {
    const { server } = await start();
    const response = await request(server)
      .post(PLACEMENT)
      .set('Content-Type', 'application/json')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
    expect(response.status).toBe(400);
    expect(response.body.error.name).toBe('InputError');
    expect(response.body.error.message).toContain(message);
  });

  it('refuses a placement body over 256 kB', async () => {
    const { server } = await start();
    const response = await request(server)
      .post(PLACEMENT)
      .send({ input: { description: 'x'.repeat(300 * 1024) } });
    expect(response.status).toBe(413);
  });

  it('answers 503 for a placement on a cluster whose nodes cannot be read', async () => {
    const { server } = await start({
      daemonset: { initialListTimeout: { milliseconds: 300 } },
    });
    const response = await request(server)
      .post(`${BASE}/clusters/down/placement`)
      .send({ input: {} });
    expect(response.status).toBe(503);
    expect(response.body.error.message).toContain(
      'The nodes of cluster down could not be read',
    );
  });
});
