import { mockCredentials } from '@backstage/backend-test-utils';
import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  daemonSetDeletePermission,
  daemonSetUpdatePermission,
} from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { TestCluster, TestNamespace } from '@daemonsets/local-cluster/testing';
import { AppsV1Api, CoreV1Api, V1DaemonSet } from '@kubernetes/client-node';
import { Server } from 'node:http';
import request from 'supertest';
import { capturingNotifications } from '../__testUtils__/approvals';
import { clusterNamespace, clusterSuite } from '../__testUtils__/cluster';
import {
  componentEntity,
  startBackendWithCluster,
} from '../__testUtils__/testBackend';

/*
 * Rollback and decommission against the real local cluster, through the real backend, with a
 * permission policy like the portal's: the owner may update and delete, another user may not.
 */

jest.setTimeout(180_000);

const suite = clusterSuite('lifecycle routes on the local cluster');

const OWNER = 'user:default/owner';
const OTHER = 'user:default/other';
const NAME = 'lc-agent';
const as = (user: string) => mockCredentials.user.header(user);

/** The policy: only OWNER may update or delete; everything else is allowed. */
function ownerOnlyPermissions(): PermissionsService {
  const decide = (permission: any, credentials: BackstageCredentials) => {
    const user = (credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    const guarded =
      isPermission(permission, daemonSetUpdatePermission) ||
      isPermission(permission, daemonSetDeletePermission);
    return {
      result:
        guarded && user !== OWNER
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    };
  };
  return {
    authorize: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials)) as any,
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(r => decide(r.permission, credentials)) as any,
  };
}

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let core: CoreV1Api;
let server: Server;
let stop: () => Promise<void>;

function manifests(image: string, privileged?: boolean) {
  return buildDaemonSetManifests(
    {
      name: NAME,
      namespace: ns.name,
      cluster: 'local',
      owner: 'group:default/platform',
      containers: [
        {
          name: 'agent',
          image: 'registry.example.com/agent',
          tag: image,
          ...(privileged ? { privileged } : {}),
          ports: [{ name: 'http', containerPort: 8080 }],
        },
      ],
      services: [
        { name: 'lc-agent-svc', ports: [{ port: 80, targetPort: 'http' }] },
      ],
    },
    {
      privileged: 'allow',
      hostNetwork: 'allow',
      hostPath: { decision: 'allow', allowedPathPrefixes: [] },
      protectedNamespaces: { decision: 'allow', namespaces: [] },
      allowedRegistries: { decision: 'allow', registries: [] },
    },
  );
}

async function readDaemonSet(): Promise<V1DaemonSet> {
  return apps.readNamespacedDaemonSet({ namespace: ns.name, name: NAME });
}

/** Waits (polling; bounded by the test timeout) until the DaemonSet has `count` revisions. */
async function revisionCount(count: number): Promise<void> {
  for (;;) {
    const list = await apps.listNamespacedControllerRevision({
      namespace: ns.name,
    });
    if (list.items.length >= count) return;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

/** Changes the image (and drops the security context) with a JSON patch, as kubectl would. */
async function setImage(tag: string) {
  const container = '/spec/template/spec/containers/0';
  const live = await readDaemonSet();
  await apps.patchNamespacedDaemonSet({
    namespace: ns.name,
    name: NAME,
    body: [
      {
        op: 'replace',
        path: `${container}/image`,
        value: `registry.example.com/agent:${tag}`,
      },
      ...(live.spec!.template.spec!.containers[0].securityContext
        ? [{ op: 'remove', path: `${container}/securityContext` }]
        : []),
    ],
  });
}

const base = () => `/api/daemonset/entity/default/component/${NAME}/lifecycle`;

suite.describe(suite.title, () => {
  beforeAll(async () => {
    ({ cluster, ns, apps, core } = await clusterNamespace('lifecycle'));
    // Revision 1 privileged (as if approved), 2 and 3 not.
    const first = manifests('v1', true);
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: first.daemonSet as any,
    });
    await core.createNamespacedService({
      namespace: ns.name,
      body: first.services[0] as any,
    });
    await revisionCount(1);
    await setImage('v2');
    await revisionCount(2);
    await setImage('v3');
    await revisionCount(3);

    const entity = componentEntity(
      NAME,
      {
        'backstage.io/kubernetes-id': NAME,
        'backstage.io/kubernetes-namespace': ns.name,
        'backstage.io/kubernetes-cluster': 'local',
      },
      'group:default/platform',
    );
    const backend = await startBackendWithCluster({
      cluster,
      clusterEntry: { token: cluster.adminToken },
      entities: [entity],
      policy: ownerOnlyPermissions(),
      features: [capturingNotifications().factory],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await ns?.cleanup();
  });

  it('refuses callers without credentials (401)', async () => {
    const none = mockCredentials.none.header();
    const state = await request(server).get(base()).set('Authorization', none);
    expect(state.status).toBe(401);
    const rollback = await request(server)
      .post(`${base()}/rollback`)
      .set('Authorization', none)
      .send({ revision: 2, baseRevision: 1 });
    expect(rollback.status).toBe(401);
    const decommission = await request(server)
      .post(`${base()}/decommission`)
      .set('Authorization', none)
      .send({ confirm: NAME, baseRevision: 1 });
    expect(decommission.status).toBe(401);
  });

  it('serves the edit input, the revisions with their images, and the node count', async () => {
    const response = await request(server)
      .get(base())
      .set('Authorization', as(OWNER));
    expect(response.status).toBe(200);
    const live = await readDaemonSet();
    expect(response.body).toMatchObject({
      cluster: 'local',
      namespace: ns.name,
      name: NAME,
      baseRevision: live.metadata!.generation,
      services: ['lc-agent-svc'],
      problems: [],
      keptFields: [],
    });
    expect(response.body.input.containers[0]).toMatchObject({
      image: 'registry.example.com/agent',
      tag: 'v3',
    });
    expect(
      response.body.revisions.map((r: any) => [
        r.revision,
        r.images,
        r.current,
      ]),
    ).toEqual([
      [3, ['registry.example.com/agent:v3'], true],
      [2, ['registry.example.com/agent:v2'], false],
      [1, ['registry.example.com/agent:v1'], false],
    ]);
    expect(JSON.stringify(response.body)).not.toContain(cluster.adminToken);
  });

  it('refuses a rollback and a decommission without daemonset.update / daemonset.delete (403)', async () => {
    const { generation } = (await readDaemonSet()).metadata!;
    const rollback = await request(server)
      .post(`${base()}/rollback`)
      .set('Authorization', as(OTHER))
      .send({ revision: 2, baseRevision: generation });
    expect(rollback.status).toBe(403);
    expect(rollback.body.error.message).toContain('daemonset.update');
    const decommission = await request(server)
      .post(`${base()}/decommission`)
      .set('Authorization', as(OTHER))
      .send({ confirm: NAME, baseRevision: generation });
    expect(decommission.status).toBe(403);
    expect(decommission.body.error.message).toContain('daemonset.delete');
    expect((await readDaemonSet()).metadata!.generation).toBe(generation);
  });

  it('refuses a rollback based on a stale revision (409) and changes nothing', async () => {
    const before = await readDaemonSet();
    const stale = before.metadata!.generation! - 1;
    const response = await request(server)
      .post(`${base()}/rollback`)
      .set('Authorization', as(OWNER))
      .send({ revision: 2, baseRevision: stale });
    expect(response.status).toBe(409);
    expect(response.body.error.message).toContain(
      `based on revision ${stale}, the DaemonSet is at revision ${
        before.metadata!.generation
      }`,
    );
    const after = await readDaemonSet();
    expect(after.metadata!.generation).toBe(before.metadata!.generation);
    expect(after.spec!.template.spec!.containers[0].image).toBe(
      'registry.example.com/agent:v3',
    );
  });

  it('files a rollback to a privileged revision for approval, changing nothing', async () => {
    const before = await readDaemonSet();
    const response = await request(server)
      .post(`${base()}/rollback`)
      .set('Authorization', as(OWNER))
      .send({ revision: 1, baseRevision: before.metadata!.generation });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({
      outcome: 'approvalRequired',
      revision: 1,
    });
    expect(response.body.reasons.join(' ')).toContain('privileged');
    const after = await readDaemonSet();
    expect(after.metadata!.generation).toBe(before.metadata!.generation);
    expect(
      after.spec!.template.spec!.containers[0].securityContext?.privileged,
    ).toBeFalsy();
  });

  it('rolls back to an earlier revision', async () => {
    const before = await readDaemonSet();
    const response = await request(server)
      .post(`${base()}/rollback`)
      .set('Authorization', as(OWNER))
      .send({ revision: 2, baseRevision: before.metadata!.generation });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ outcome: 'applied', revision: 2 });
    const after = await readDaemonSet();
    expect(after.spec!.template.spec!.containers[0].image).toBe(
      'registry.example.com/agent:v2',
    );
    expect(after.metadata!.generation).toBe(before.metadata!.generation! + 1);
  });

  it('decommissions: refuses a wrong confirmation and a stale revision, then deletes the DaemonSet and its Services', async () => {
    const { generation } = (await readDaemonSet()).metadata!;
    const wrong = await request(server)
      .post(`${base()}/decommission`)
      .set('Authorization', as(OWNER))
      .send({ confirm: 'something-else', baseRevision: generation });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.message).toContain('confirm:');
    const stale = await request(server)
      .post(`${base()}/decommission`)
      .set('Authorization', as(OWNER))
      .send({ confirm: NAME, baseRevision: generation! - 1 });
    expect(stale.status).toBe(409);
    await readDaemonSet();

    const done = await request(server)
      .post(`${base()}/decommission`)
      .set('Authorization', as(OWNER))
      .send({ confirm: NAME, baseRevision: generation });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      cluster: 'local',
      namespace: ns.name,
      daemonSet: NAME,
      services: ['lc-agent-svc'],
    });
    const daemonSets = await apps.listNamespacedDaemonSet({
      namespace: ns.name,
    });
    expect(
      daemonSets.items.filter(d => !d.metadata?.deletionTimestamp),
    ).toHaveLength(0);
    const services = await core.listNamespacedService({ namespace: ns.name });
    expect(services.items).toHaveLength(0);
  });
});
