import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import {
  approverPermissionsFactory,
  capturingNotifications,
  daemonSetManifest,
} from '../__testUtils__/approvals';
import { daemonSetPlugin } from '../plugin';

const DEV = 'user:default/dev';
const PLATFORM = 'user:default/platform';
const PLATFORM_2 = 'user:default/platform-2';

const config = {
  daemonset: {
    approval: { approversGroup: 'group:default/platform-team' },
    policy: {
      allowedRegistries: { decision: 'deny', registries: ['registry.k8s.io'] },
      protectedNamespaces: {
        decision: 'requireApproval',
        requiredApprovals: 2,
      },
    },
  },
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'local',
            // Nothing listens there: these tests never reach an apply.
            url: 'https://127.0.0.1:1',
            serviceAccountToken: 'secret-token-value',
          },
        ],
      },
    ],
  },
};

async function start() {
  const notifications = capturingNotifications();
  const { server } = await startTestBackend({
    features: [
      daemonSetPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({ entities: [] }),
      approverPermissionsFactory([PLATFORM, PLATFORM_2]),
      notifications.factory,
    ],
  });
  return { server, sent: notifications.sent };
}

const as = (user: string) => mockCredentials.user.header(user);

async function file(
  server: any,
  body: object = {
    cluster: 'local',
    namespace: 'apps',
    name: 'agent',
    manifest: daemonSetManifest({ privileged: true }),
  },
) {
  return request(server)
    .post('/api/daemonset/approvals')
    .set('Authorization', as(DEV))
    .send(body);
}

describe('approval routes', () => {
  it('files a request as the caller, with the reasons recomputed, and tells the approvers', async () => {
    const { server, sent } = await start();
    const response = await file(server);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      requester: DEV,
      state: 'pending',
      requiredApprovals: 1,
      reasons: [
        'DaemonSet apps/agent container agent is privileged (daemonset.policy.privileged: requireApproval)',
      ],
      decisions: [],
    });
    expect(response.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(sent).toEqual([
      expect.objectContaining({
        recipients: expect.objectContaining({
          entityRef: 'group:default/platform-team',
        }),
        payload: expect.objectContaining({
          link: `/daemonset-approvals/${response.body.id}`,
        }),
      }),
    ]);
  });

  it('answers 401 without credentials on every route', async () => {
    const { server } = await start();
    const none = mockCredentials.none.header();
    const calls = [
      request(server).post('/api/daemonset/approvals').send({}),
      request(server).get('/api/daemonset/approvals'),
      request(server).get('/api/daemonset/approvals/x'),
      request(server).get('/api/daemonset/approvals/x/live'),
      request(server)
        .post('/api/daemonset/approvals/x/decisions')
        .send({ decision: 'approve' }),
      request(server).post('/api/daemonset/approvals/x/withdraw'),
      request(server).post('/api/daemonset/approvals/x/retry'),
    ];
    for (const call of calls) {
      expect((await call.set('Authorization', none)).status).toBe(401);
    }
  });

  it('answers 400 naming the field on bad input, and stores nothing', async () => {
    const { server } = await start();
    const cases: Array<[object, RegExp]> = [
      [
        { namespace: 'apps', name: 'agent', manifest: 'x' },
        /^cluster: required/,
      ],
      [
        {
          cluster: 'nowhere',
          namespace: 'apps',
          name: 'agent',
          manifest: daemonSetManifest({ privileged: true }),
        },
        /^cluster: 'nowhere' is not a cluster configured/,
      ],
      [
        { cluster: 'local', namespace: 'Apps!', name: 'agent', manifest: 'x' },
        /^namespace: must be/,
      ],
      [
        {
          cluster: 'local',
          namespace: 'apps',
          name: 'agent',
          manifest: 'x',
          requester: DEV,
        },
        /^requester: unknown field/,
      ],
      [
        { cluster: 'local', namespace: 'apps', name: 'agent', manifest: ': [' },
        /^manifest is not valid YAML/,
      ],
      [
        {
          cluster: 'local',
          namespace: 'apps',
          name: 'other',
          manifest: daemonSetManifest({ privileged: true }),
        },
        /^manifest: must hold exactly one DaemonSet, named 'other'/,
      ],
      [
        {
          cluster: 'local',
          namespace: 'apps',
          name: 'agent',
          manifest: daemonSetManifest(),
        },
        /^manifest: needs no approval/,
      ],
      [
        {
          cluster: 'local',
          namespace: 'apps',
          name: 'agent',
          manifest: daemonSetManifest({
            privileged: true,
            image: 'docker.io/evil/agent:1',
          }),
        },
        /^manifest: denied by the platform policy, no approval can allow it: .*allowedRegistries/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await file(server, body);
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(message);
    }
    const list = await request(server)
      .get('/api/daemonset/approvals')
      .set('Authorization', as(PLATFORM));
    expect(list.body.items).toEqual([]);
    const decision = await request(server)
      .post('/api/daemonset/approvals/x/decisions')
      .set('Authorization', as(PLATFORM))
      .send({ decision: 'maybe' });
    expect(decision.status).toBe(400);
    expect(decision.body.error.message).toMatch(/^decision: must be/);
  });

  it('lets the requester read their own requests only, and approvers all', async () => {
    const { server } = await start();
    const mine = (await file(server)).body;
    const other = await request(server)
      .post('/api/daemonset/approvals')
      .set('Authorization', as('user:default/someone-else'))
      .send({
        cluster: 'local',
        namespace: 'ops',
        name: 'agent',
        manifest: daemonSetManifest({ namespace: 'ops', hostNetwork: true }),
      });
    expect(other.status).toBe(201);
    const devList = await request(server)
      .get('/api/daemonset/approvals')
      .set('Authorization', as(DEV));
    expect(devList.body.items.map((r: any) => r.id)).toEqual([mine.id]);
    const hidden = await request(server)
      .get(`/api/daemonset/approvals/${other.body.id}`)
      .set('Authorization', as(DEV));
    expect(hidden.status).toBe(404);
    const platformList = await request(server)
      .get('/api/daemonset/approvals?state=pending')
      .set('Authorization', as(PLATFORM));
    expect(platformList.body.items.map((r: any) => r.id)).toEqual([
      other.body.id,
      mine.id,
    ]);
  });

  it('answers 403 without the approve permission and on self-approval, even for an approver', async () => {
    const { server } = await start();
    const mine = (await file(server)).body;
    const denied = await request(server)
      .post(`/api/daemonset/approvals/${mine.id}/decisions`)
      .set('Authorization', as(DEV))
      .send({ decision: 'approve' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/daemonset\.request\.approve/);

    const own = await request(server)
      .post('/api/daemonset/approvals')
      .set('Authorization', as(PLATFORM))
      .send({
        cluster: 'local',
        namespace: 'ops',
        name: 'agent',
        manifest: daemonSetManifest({ namespace: 'ops', privileged: true }),
      });
    const self = await request(server)
      .post(`/api/daemonset/approvals/${own.body.id}/decisions`)
      .set('Authorization', as(PLATFORM))
      .send({ decision: 'approve' });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/four-eyes/);
    const after = await request(server)
      .get(`/api/daemonset/approvals/${own.body.id}`)
      .set('Authorization', as(PLATFORM));
    expect(after.body).toMatchObject({ state: 'pending', decisions: [] });
  });

  it('needs distinct approvers for a rule that asks for two', async () => {
    const { server } = await start();
    const created = await file(server, {
      cluster: 'local',
      namespace: 'kube-system',
      name: 'agent',
      manifest: daemonSetManifest({ namespace: 'kube-system' }),
    });
    expect(created.body.requiredApprovals).toBe(2);
    const url = `/api/daemonset/approvals/${created.body.id}/decisions`;
    const first = await request(server)
      .post(url)
      .set('Authorization', as(PLATFORM))
      .send({ decision: 'approve' });
    expect(first.body.state).toBe('pending');
    const again = await request(server)
      .post(url)
      .set('Authorization', as(PLATFORM))
      .send({ decision: 'approve' });
    expect(again.status).toBe(403);
    expect(again.body.error.message).toMatch(/distinct people/);
  });

  it('rejects with a comment, tells the requester, then answers 409 to further decisions', async () => {
    const { server, sent } = await start();
    const mine = (await file(server)).body;
    const url = `/api/daemonset/approvals/${mine.id}/decisions`;
    const rejected = await request(server)
      .post(url)
      .set('Authorization', as(PLATFORM))
      .send({ decision: 'reject', comment: 'use the node-exporter chart' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      state: 'rejected',
      decisions: [
        {
          by: PLATFORM,
          decision: 'reject',
          comment: 'use the node-exporter chart',
        },
      ],
    });
    expect(sent.at(-1)).toMatchObject({
      recipients: { type: 'entity', entityRef: DEV },
      payload: { description: `${PLATFORM}: use the node-exporter chart` },
    });
    const late = await request(server)
      .post(url)
      .set('Authorization', as(PLATFORM_2))
      .send({ decision: 'approve' });
    expect(late.status).toBe(409);
    expect(late.body.error.message).toMatch(/is rejected, not pending/);
  });

  it('lets only the requester withdraw, only while pending; retry needs a failed request', async () => {
    const { server } = await start();
    const mine = (await file(server)).body;
    const byOther = await request(server)
      .post(`/api/daemonset/approvals/${mine.id}/withdraw`)
      .set('Authorization', as(PLATFORM));
    expect(byOther.status).toBe(403);
    const retry = await request(server)
      .post(`/api/daemonset/approvals/${mine.id}/retry`)
      .set('Authorization', as(PLATFORM));
    expect(retry.status).toBe(409);
    const withdrawn = await request(server)
      .post(`/api/daemonset/approvals/${mine.id}/withdraw`)
      .set('Authorization', as(DEV));
    expect(withdrawn.body.state).toBe('withdrawn');
    const twice = await request(server)
      .post(`/api/daemonset/approvals/${mine.id}/withdraw`)
      .set('Authorization', as(DEV));
    expect(twice.status).toBe(409);
  });

  it('supersedes a pending request when the same DaemonSet is requested again', async () => {
    const { server } = await start();
    const first = (await file(server)).body;
    const second = (await file(server)).body;
    const old = await request(server)
      .get(`/api/daemonset/approvals/${first.id}`)
      .set('Authorization', as(DEV));
    expect(old.body).toMatchObject({
      state: 'superseded',
      supersededBy: second.id,
    });
  });
});
