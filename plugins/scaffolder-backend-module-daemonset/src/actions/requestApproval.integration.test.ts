import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
// The test wires the backend plugin beside the module, as a portal does; the module's own code
// never imports it (it files requests over HTTP).
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import daemonSetPlugin from '@daemonsets/plugin-daemonset-backend';
import { parseApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  clusterConfigFor,
  clusterSkipReason,
  getTestCluster,
  TestCluster,
} from '@daemonsets/local-cluster/testing';
import { scaffolderModuleDaemonSet } from '../module';

/*
 * daemonset:request-approval in real scaffolder tasks, filing with the real DaemonSet backend
 * plugin (its routes, store on SQLite, policy) in the same backend, as in the portal. Only
 * auth, permissions (allow) and the catalog (holding the templates) are Backstage's mocks.
 */

jest.setTimeout(180_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;
const SUITE = `daemonset:request-approval with the real backend plugin${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

const daemonSetTemplate = parse(
  readFileSync(
    resolve(
      __dirname,
      '../../../../examples/templates/daemonset/template.yaml',
    ),
    'utf8',
  ),
);

/** A template with the request step alone, so a test chooses the manifest. */
const requestOnlyTemplate = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'request-only', namespace: 'default' },
  spec: {
    owner: 'platform-team',
    type: 'service',
    parameters: [],
    steps: [
      {
        id: 'request',
        name: 'Request approval',
        action: 'daemonset:request-approval',
        input: {
          cluster: '${{ parameters.cluster }}',
          namespace: '${{ parameters.namespace }}',
          name: '${{ parameters.name }}',
          manifest: '${{ parameters.manifest }}',
        },
      },
    ],
    output: {
      links: [{ title: 'Request', url: "${{ steps['request'].output.url }}" }],
    },
  },
};

const unique = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

const policy = parseApprovalPolicy(undefined);
const manifestOf = (name: string, privileged: boolean) =>
  buildDaemonSetManifests(
    {
      name,
      namespace: 'default',
      cluster: 'local',
      containers: [
        { name: 'agent', image: 'ghcr.io/acme/agent', tag: '1.0', privileged },
      ],
    } as any,
    policy,
  ).yaml;

async function startPortalBackend(cluster: TestCluster) {
  const { server } = await startTestBackend({
    features: [
      scaffolderPlugin,
      scaffolderModuleDaemonSet,
      daemonSetPlugin,
      catalogServiceMock.factory({
        entities: [daemonSetTemplate, requestOnlyTemplate],
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootConfig.factory({
        data: {
          backend: { baseUrl: 'http://localhost:7007' },
          ...clusterConfigFor(cluster),
        },
      }),
    ],
  });
  return server;
}

interface TaskEvent {
  id: number;
  type: 'log' | 'completion' | 'cancelled' | 'recovered';
  body: { message?: string; output?: any; error?: { message?: string } };
}

/** Runs a template as the mock user and follows its events (long poll) until it completes. */
async function runTask(
  server: any,
  templateRef: string,
  values: object,
): Promise<{ status?: string; output?: any; log: string }> {
  const created = await request(server)
    .post('/api/scaffolder/v2/tasks')
    .set('Authorization', mockCredentials.user.header())
    .send({ templateRef, values });
  expect({ status: created.status, body: created.body }).toMatchObject({
    status: 201,
  });
  const events: TaskEvent[] = [];
  for (;;) {
    const after = events.length ? events[events.length - 1].id : undefined;
    const res = await request(server)
      .get(`/api/scaffolder/v2/tasks/${created.body.id}/events`)
      .query(after === undefined ? {} : { after })
      .set('Authorization', mockCredentials.user.header());
    events.push(...(res.body as TaskEvent[]));
    const done = events.find(e => e.type === 'completion');
    if (done) {
      return {
        // "Run completed with status: completed" (or failed)
        status: done.body.message?.split(': ').pop(),
        output: done.body.output,
        log: [
          ...events.map(e => e.body.message ?? ''),
          done.body.error?.message ?? '',
        ].join('\n'),
      };
    }
  }
}

/** GET of the DaemonSet with the cluster's admin token: its HTTP status. */
function daemonSetStatus(cluster: TestCluster, name: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const req = httpsRequest(
      `${cluster.server}/apis/apps/v1/namespaces/default/daemonsets/${name}`,
      {
        ca: Buffer.from(cluster.caData, 'base64'),
        headers: { Authorization: `Bearer ${cluster.adminToken}` },
      },
      res => {
        res.resume();
        resolveStatus(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describeWithCluster(SUITE, () => {
  let cluster: TestCluster;
  let server: any;

  beforeAll(async () => {
    cluster = await getTestCluster();
    server = await startPortalBackend(cluster);
  });

  it('runs the template with a privileged container to "waiting for approval": the request is stored for the user, nothing is applied', async () => {
    const name = unique('risky');
    const task = await runTask(server, 'template:default/daemonset', {
      name,
      cluster: 'local',
      namespace: 'default',
      owner: 'group:default/platform-team',
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/agent',
          tag: '1.0',
          privileged: true,
          resources: { requests: { cpu: 0.25, memory: '512Mi' } },
        },
      ],
    });
    expect({ status: task.status, log: task.log }).toMatchObject({
      status: 'completed',
    });
    expect(task.log).toContain('Waiting for approval: 1 approval(s)');
    // the on-behalf-of token travels only in the request header
    expect(task.log).not.toMatch(/Bearer|mock-service-token|mock-user-token/);
    const [link] = task.output.links;
    expect(link).toEqual({
      title: 'Approval request',
      url: expect.stringMatching(/^\/daemonset-approvals\/[0-9a-f-]{36}$/),
    });
    expect(task.output.text[0].content).toMatch(
      new RegExp(
        `^Waiting for approval: DaemonSet default/${name} container agent is privileged`,
      ),
    );

    const id = link.url.split('/').pop();
    const stored = await request(server)
      .get(`/api/daemonset/approvals/${id}`)
      .set('Authorization', mockCredentials.user.header());
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({
      id,
      cluster: 'local',
      namespace: 'default',
      name,
      entityRef: `component:default/${name}.default.local`,
      requester: mockCredentials.user().principal.userEntityRef,
      state: 'pending',
      requiredApprovals: 1,
      reasons: [expect.stringContaining('container agent is privileged')],
    });
    expect(stored.body.sha256).toBe(
      createHash('sha256').update(stored.body.manifest).digest('hex'),
    );
    expect(stored.body.manifest).toContain('privileged: true');
    expect(await daemonSetStatus(cluster, name)).toBe(404);
  });

  it('files exactly the given manifest and supersedes the pending request for the same DaemonSet', async () => {
    const name = unique('again');
    const values = {
      cluster: 'local',
      namespace: 'default',
      name,
      manifest: manifestOf(name, true),
    };
    const first = await runTask(
      server,
      'template:default/request-only',
      values,
    );
    const second = await runTask(
      server,
      'template:default/request-only',
      values,
    );
    expect([first, second].map(t => [t.status, t.log])).toEqual([
      ['completed', expect.stringContaining('Waiting for approval')],
      ['completed', expect.stringContaining('Waiting for approval')],
    ]);
    const idOf = (task: { output?: any }) =>
      task.output.links[0].url.split('/').pop();
    const list = await request(server)
      .get('/api/daemonset/approvals')
      .query({ name })
      .set('Authorization', mockCredentials.user.header());
    expect(
      list.body.items.map((r: any) => [r.id, r.state, r.supersededBy]),
    ).toEqual([
      [idOf(second), 'pending', undefined],
      [idOf(first), 'superseded', idOf(second)],
    ]);
    expect(list.body.items[0].manifest).toBe(values.manifest);
  });

  it.each([
    [
      'a manifest that needs no approval',
      (name: string) => ({ manifest: manifestOf(name, false) }),
      'The approvals service refused the request: manifest: needs no approval',
    ],
    [
      'an unknown cluster',
      () => ({ cluster: 'nowhere' }),
      "The approvals service refused the request: cluster: 'nowhere' is not a cluster configured in the backend",
    ],
  ])(
    "fails the task with the route's 400 naming the field for %s, storing nothing",
    async (_case, change, message) => {
      const name = unique('refused');
      const task = await runTask(server, 'template:default/request-only', {
        cluster: 'local',
        namespace: 'default',
        name,
        manifest: manifestOf(name, true),
        ...change(name),
      });
      expect(task.status).toBe('failed');
      expect(task.log).toContain(message);
      expect(task.log).not.toContain('Waiting for approval');
      const list = await request(server)
        .get('/api/daemonset/approvals')
        .query({ name })
        .set('Authorization', mockCredentials.user.header());
      expect(list.body.items).toEqual([]);
    },
  );
});
