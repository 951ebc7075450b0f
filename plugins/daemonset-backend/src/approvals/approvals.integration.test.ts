import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AppsV1Api } from '@kubernetes/client-node';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { TestCluster, TestNamespace } from '@daemonsets/local-cluster/testing';
import {
  approverPermissions,
  capturingNotifications,
  daemonSetManifest,
  postgresSuite,
  settledRequest,
} from '../__testUtils__/approvals';
import { clusterNamespace } from '../__testUtils__/cluster';
import {
  BackendWithCluster,
  startBackendWithCluster,
} from '../__testUtils__/testBackend';

/*
 * Approval against the real local cluster, with two backend instances on one real PostgreSQL:
 * two approvers approve at once, one on each instance; the DaemonSet is applied exactly once.
 * Without a cluster this file fails in beforeAll; without PostgreSQL it is skipped with its
 * reason, except in CI where that is a failure.
 */

jest.setTimeout(180_000);

const suite = postgresSuite('approval on the local cluster');

const DEV = 'user:default/dev';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const as = (user: string) => mockCredentials.user.header(user);

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let knexA: Knex;
let knexB: Knex;
const instances: BackendWithCluster[] = [];

async function startInstance(knex: Knex) {
  const backend = await startBackendWithCluster({
    cluster,
    clusterEntry: { token: cluster.adminToken },
    policy: approverPermissions([ALICE, BOB]),
    config: { daemonset: { policy: { requiredApprovals: 2 } } },
    features: [
      capturingNotifications().factory,
      mockServices.database.factory({ knex }),
    ],
  });
  instances.push(backend);
  return backend;
}

const settled = (server: Server, id: string) => settledRequest(server, id, DEV);

suite.describe(suite.title, () => {
  beforeAll(async () => {
    ({ cluster, ns, apps } = await clusterNamespace('approvals'));
    knexA = await suite.database();
    knexB = knexFactory({
      client: 'pg',
      connection: knexA.client.config.connection,
    });
  });

  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await knexB?.destroy();
    await ns?.cleanup();
  });

  it('applies an approved request once, with two instances on one database', async () => {
    const a = await startInstance(knexA);
    const b = await startInstance(knexB);
    const created = await request(a.server)
      .post('/api/daemonset/approvals')
      .set('Authorization', as(DEV))
      .send({
        cluster: 'local',
        namespace: ns.name,
        name: 'approved-agent',
        manifest: daemonSetManifest({
          namespace: ns.name,
          name: 'approved-agent',
          privileged: true,
        }),
      });
    expect(created.status).toBe(201);
    const { id } = created.body;

    const before = await request(b.server)
      .get(`/api/daemonset/approvals/${id}/live`)
      .set('Authorization', as(ALICE));
    expect(before.body).toEqual({ objects: [] });

    const decisions = await Promise.all([
      request(a.server)
        .post(`/api/daemonset/approvals/${id}/decisions`)
        .set('Authorization', as(ALICE))
        .send({ decision: 'approve' }),
      request(b.server)
        .post(`/api/daemonset/approvals/${id}/decisions`)
        .set('Authorization', as(BOB))
        .send({ decision: 'approve', comment: 'ok' }),
    ]);
    expect(decisions.map(d => d.status)).toEqual([200, 200]);

    const result = await settled(a.server, id);
    expect(result).toMatchObject({ state: 'applied' });
    expect(result.error).toBeUndefined();

    const daemonSet = await apps.readNamespacedDaemonSet({
      namespace: ns.name,
      name: 'approved-agent',
    });
    expect(
      daemonSet.spec?.template.spec?.containers[0].securityContext?.privileged,
    ).toBe(true);

    const applyLines = [...a.logs, ...b.logs].filter(line =>
      line.includes(`Approval request ${id} applied`),
    );
    expect(applyLines).toHaveLength(1);

    const live = await request(b.server)
      .get(`/api/daemonset/approvals/${id}/live`)
      .set('Authorization', as(ALICE));
    expect(live.body.objects.map((o: any) => o.kind).sort()).toEqual([
      'DaemonSet',
      'Service',
    ]);
    expect(JSON.stringify(live.body)).not.toContain('managedFields');
    expect(JSON.stringify([...a.logs, ...b.logs])).not.toContain(
      cluster.adminToken,
    );
  });
});
