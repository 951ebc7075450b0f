import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import {
  clusterConfigFor,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import {
  approverPermissionsFactory,
  capturingNotifications,
  daemonSetManifest,
  postgresSkipReason,
  postgresTestId,
} from '../__testUtils__/approvals';
import { capturingLogger } from '../__testUtils__/testBackend';
import { daemonSetPlugin } from '../plugin';

/*
 * Approval against the real local cluster, with two backend instances on one real PostgreSQL:
 * two approvers approve at once, one on each instance; the DaemonSet is applied exactly once.
 * Without a cluster this file fails in beforeAll; without PostgreSQL it is skipped with its
 * reason, except in CI where that is a failure.
 */

jest.setTimeout(180_000);

const pgSkip = postgresSkipReason();
const describeWithPostgres = pgSkip ? describe.skip : describe;
const databases = TestDatabases.create({
  ids: pgSkip ? [] : [postgresTestId()!],
  disableDocker: true,
});

const DEV = 'user:default/dev';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const as = (user: string) => mockCredentials.user.header(user);

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let knexA: Knex;
let knexB: Knex;
const instances: Array<{
  server: Server;
  logs: string[];
  stop(): Promise<void>;
}> = [];

async function startInstance(knex: Knex) {
  const logs = capturingLogger();
  const notifications = capturingNotifications();
  const backend = await startTestBackend({
    features: [
      daemonSetPlugin,
      logs.factory,
      notifications.factory,
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({ entities: [] }),
      approverPermissionsFactory([ALICE, BOB]),
      mockServices.rootConfig.factory({
        data: {
          daemonset: { policy: { requiredApprovals: 2 } },
          ...clusterConfigFor(cluster, { token: cluster.adminToken }),
        },
      }),
    ],
  });
  const instance = {
    server: backend.server,
    logs: logs.lines,
    stop: () => backend.stop(),
  };
  instances.push(instance);
  return instance;
}

/** Reads the request until it leaves `approved`/`applying` (the apply runs in the background). */
async function settled(server: Server, id: string) {
  for (;;) {
    const response = await request(server)
      .get(`/api/daemonset/approvals/${id}`)
      .set('Authorization', as(DEV));
    if (!['approved', 'applying'].includes(response.body.state))
      return response.body;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

describeWithPostgres(
  `approval on the local cluster${pgSkip ? ` (skipped: ${pgSkip})` : ''}`,
  () => {
    beforeAll(async () => {
      cluster = await getTestCluster();
      ns = await createTestNamespace(cluster, 'approvals');
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(cluster.kubeconfigPath);
      apps = kubeConfig.makeApiClient(AppsV1Api);
      knexA = await databases.init(postgresTestId()!);
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
        daemonSet.spec?.template.spec?.containers[0].securityContext
          ?.privileged,
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
  },
);
