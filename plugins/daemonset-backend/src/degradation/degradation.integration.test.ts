import {
  coreServices,
  createServiceFactory,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import type {
  DaemonSetStatusReport,
  EntityDaemonSetStatus,
} from '@daemonsets/plugin-daemonset-common';
import { TestCluster, TestNamespace } from '@daemonsets/local-cluster/testing';
import { AppsV1Api, CoreV1Api, V1DaemonSet } from '@kubernetes/client-node';
import knexFactory, { Knex } from 'knex';
import { Server } from 'node:http';
import request from 'supertest';
import { postgresTestId, storeTestIds } from '../__testUtils__/approvals';
import { assessDaemonSet, maxUnavailablePods } from './assessDaemonSet';
import { clusterNamespace, clusterSuite } from '../__testUtils__/cluster';
import { eventually, eventuallyValue } from '../__testUtils__/eventually';
import {
  componentEntity,
  labelSelectorAnnotations,
  startBackendWithCluster,
} from '../__testUtils__/testBackend';

/*
 * Degradation notifications through the plugin's own wiring, the real notifications backend
 * and the real local cluster, on SQLite and (when it runs) PostgreSQL. Two backend instances
 * share the plugin's database, as two replicas of a portal do; each evaluates on its own and
 * the database decides who notifies. Evaluations are driven by the test (the scheduled task),
 * so "no notification" is asserted after evaluations that did run, never after a wait.
 */

jest.setTimeout(240_000);
/** The ceiling of each wait for the cluster, below the test's. */
const WAIT_MS = 90_000;

/** The rolling update's `maxUnavailable`: below the 90% share while a batch is down. */
const ROLLOUT_MAX_UNAVAILABLE = '25%';

const suite = clusterSuite('degradation notifications on %s');

const OWNER = 'user:default/ds-owner';
const MONITOR_TASK = 'daemonset-degradation-monitor';
const SIMULATE = 'daemonsets.dev/simulate';

interface Instance {
  server: Server;
  evaluate(): Promise<void>;
  stop(): Promise<void>;
}

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let core: CoreV1Api;
const databases = TestDatabases.create({
  ids: storeTestIds(),
  disableDocker: true,
});

function entityFor(app: string): Entity {
  return {
    ...componentEntity(app, labelSelectorAnnotations(app, ns.name), OWNER),
    relations: [{ type: 'ownedBy', targetRef: OWNER }],
  };
}

/** The plugin's database is `shared`; every other plugin gets its own in-memory SQLite. */
function databaseFactory(shared: Knex, own: Knex[]) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory: async ({ pluginMetadata }) => {
      if (pluginMetadata.getId() === 'daemonset') {
        return { getClient: async () => shared };
      }
      const knex = knexFactory({
        client: 'better-sqlite3',
        connection: ':memory:',
        useNullAsDefault: true,
      });
      own.push(knex);
      return { getClient: async () => knex };
    },
  });
}

async function startInstance(
  shared: Knex,
  app: string,
  gracePeriod: { seconds: number },
): Promise<Instance> {
  const tasks = new Map<string, () => Promise<void>>();
  // Tasks run only when the test calls them: evaluations happen exactly when asserted on.
  const keep = async (task: SchedulerServiceTaskInvocationDefinition) => {
    tasks.set(task.id, async () => {
      await task.fn(new AbortController().signal);
    });
  };
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: keep,
    createScheduledTaskRunner: () => ({ run: keep }),
  });
  const own: Knex[] = [];
  const backend = await startBackendWithCluster({
    cluster,
    entities: [entityFor(app)],
    config: {
      app: { baseUrl: 'http://localhost:3000' },
      daemonset: {
        initialListTimeout: { seconds: 15 },
        notifications: {
          degraded: {
            enabled: true,
            readyShare: 0.9,
            gracePeriod,
            interval: { minutes: 30 },
          },
        },
      },
    },
    features: [
      notificationsPlugin,
      scheduler.factory,
      databaseFactory(shared, own),
    ],
  });
  const evaluate = tasks.get(MONITOR_TASK);
  if (!evaluate) throw new Error(`the plugin scheduled no ${MONITOR_TASK}`);
  return {
    server: backend.server,
    evaluate,
    async stop() {
      await backend.stop();
      await Promise.all(own.map(k => k.destroy()));
    },
  };
}

/** The owner's DaemonSet notifications, over every instance (each stores what it sent). */
async function ownerNotifications(instances: Instance[]) {
  const all = [];
  for (const instance of instances) {
    const response = await request(instance.server)
      .get('/api/notifications/notifications')
      .set('Authorization', mockCredentials.user.header(OWNER));
    expect(response.status).toBe(200);
    all.push(
      ...response.body.notifications.filter(
        (n: any) => n.payload.topic === 'daemonset-degradation',
      ),
    );
  }
  return all;
}

async function report(
  instance: Instance,
  app: string,
): Promise<DaemonSetStatusReport | undefined> {
  const response = await request(instance.server)
    .get(`/api/daemonset/entity/default/component/${app}/status`)
    .set('Authorization', mockCredentials.user.header(OWNER));
  expect(response.status).toBe(200);
  const body: EntityDaemonSetStatus = response.body;
  return body.clusters[0]?.daemonSets.find(d => d.daemonSet.name === app);
}

const settled = (r?: DaemonSetStatusReport) =>
  r !== undefined &&
  r.daemonSet.desired > 0 &&
  r.nodes.every(
    n =>
      n.verdict === 'notEligible' ||
      (n.verdict === 'ok' && n.pod?.currentRevision),
  );

function daemonSet(app: string): V1DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: app, namespace: ns.name, labels: { app } },
    spec: {
      selector: { matchLabels: { app } },
      // OnDelete: a template change reaches only the pods the test deletes, one node at a time.
      updateStrategy: { type: 'OnDelete' },
      template: {
        metadata: { labels: { app } },
        spec: { containers: [{ name: 'agent', image: 'example.com/agent:1' }] },
      },
    },
  };
}

async function setSimulation(app: string, value: string | undefined) {
  const path = '/spec/template/metadata/annotations';
  await apps.patchNamespacedDaemonSet({
    namespace: ns.name,
    name: app,
    body: [
      value === undefined
        ? { op: 'remove', path }
        : { op: 'add', path, value: { [SIMULATE]: value } },
    ],
  });
}

async function deletePodOn(app: string, node: string) {
  const pods = await core.listNamespacedPod({
    namespace: ns.name,
    labelSelector: `app=${app}`,
    fieldSelector: `spec.nodeName=${node}`,
  });
  for (const pod of pods.items) {
    await core.deleteNamespacedPod({
      namespace: ns.name,
      name: pod.metadata!.name!,
      gracePeriodSeconds: 0,
    });
  }
}

beforeAll(async () => {
  if (suite.skipReason) return;
  ({ cluster, ns, apps, core } = await clusterNamespace('degradation'));
});

afterAll(async () => {
  await ns?.cleanup();
});

suite.describe.each(storeTestIds())(
  suite.title,
  (databaseId: TestDatabaseId) => {
    const app = `deg-${databaseId.toLowerCase().replace(/_/g, '')}`;
    const instances: Instance[] = [];
    let second: Knex | undefined;

    afterAll(async () => {
      for (const instance of instances) await instance.stop();
      await second?.destroy();
    });

    it('tells the owner once per episode, from two instances, and not during a rollout inside its budget', async () => {
      const knex = await databases.init(databaseId);
      // A second pool on the same PostgreSQL, as a second replica has; SQLite in memory is one
      // connection, so the instances share it.
      second =
        databaseId === postgresTestId()
          ? knexFactory({
              client: 'pg',
              connection: knex.client.config.connection,
            })
          : undefined;
      const a = await startInstance(knex, app, { seconds: 3 });
      const b = await startInstance(second ?? knex, app, { seconds: 3 });
      instances.push(a, b);
      const both = () => Promise.all([a.evaluate(), b.evaluate()]);

      await apps.createNamespacedDaemonSet({
        namespace: ns.name,
        body: daemonSet(app),
      });
      const healthy = await eventuallyValue(
        'all pods ready',
        async () => {
          const r = await report(a, app);
          return settled(r) ? r : undefined;
        },
        WAIT_MS,
      );
      await both();
      expect(await ownerNotifications([a, b])).toHaveLength(0);

      // One node's pod crash-loops; 19 of 20 ready is above the share, so only the grace counts.
      const node = healthy.nodes.find(n => n.verdict === 'ok')!.node.name;
      await setSimulation(app, 'crashloop');
      await deletePodOn(app, node);
      await eventually(
        'the node failing',
        async () => {
          const r = await report(a, app);
          return (
            r?.nodes.find(n => n.node.name === node)?.verdict === 'failing'
          );
        },
        WAIT_MS,
      );
      const failingSince = Date.now();
      await both();
      expect(await ownerNotifications([a, b])).toHaveLength(0);

      const [degraded] = await eventuallyValue(
        'the degraded notification',
        async () => {
          await both();
          const sent = await ownerNotifications([a, b]);
          return sent.length > 0 ? sent : undefined;
        },
        WAIT_MS,
      );
      expect(Date.now() - failingSince).toBeGreaterThanOrEqual(3000);
      await both();
      await both();
      expect(await ownerNotifications([a, b])).toHaveLength(1);
      expect(degraded.user).toBe(OWNER);
      expect(degraded.payload).toMatchObject({
        title: `DaemonSet ${ns.name}/${app} on local is degraded`,
        link: `/catalog/default/component/${app}/daemonset`,
        severity: 'high',
      });
      expect(degraded.payload.description).toContain(node);

      // Recovery: the template heals and the pod is replaced.
      await setSimulation(app, undefined);
      await deletePodOn(app, node);
      await eventually(
        'all pods ready again',
        async () => settled(await report(a, app)),
        WAIT_MS,
      );
      await eventually(
        'the recovery notification',
        async () => {
          await both();
          return (await ownerNotifications([a, b])).length > 1;
        },
        WAIT_MS,
      );
      await both();
      const afterRecovery = await ownerNotifications([a, b]);
      expect(afterRecovery).toHaveLength(2);
      expect(afterRecovery.map(n => n.payload.title)).toContain(
        `DaemonSet ${ns.name}/${app} on local recovered`,
      );

      // A rolling update inside maxUnavailable (25%: below the 90% share while a batch is down),
      // judged by a third instance with no grace at all: no notification for a look at the rollout
      // inside its budget. The view may still catch a moment beyond it (a replaced pod not ready
      // yet while the controller takes down the next), which zero grace rightly reports: such an
      // episode must say so in its reason and end once the rollout is done.
      const beforeRollout = new Set(afterRecovery.map(n => n.id));
      const c = await startInstance(second ?? knex, app, { seconds: 0 });
      instances.push(c);
      await c.evaluate();
      // The strategy first, on its own, and seen by the judging instance before any pod changes:
      // changed together with the image, its pods' and its DaemonSet's watches may tell the view
      // of the replaced pods before the DaemonSet's new strategy, and a look at that moment sees
      // an OnDelete DaemonSet with four pods down, rightly a degradation with zero grace.
      await apps.patchNamespacedDaemonSet({
        namespace: ns.name,
        name: app,
        body: [
          {
            op: 'replace',
            path: '/spec/updateStrategy',
            value: {
              type: 'RollingUpdate',
              rollingUpdate: { maxUnavailable: ROLLOUT_MAX_UNAVAILABLE },
            },
          },
        ],
      });
      await eventually(
        'the judging instance sees the rolling update strategy',
        async () => {
          const r = await report(c, app);
          return (
            r?.daemonSet.updateStrategy.type === 'RollingUpdate' &&
            r.daemonSet.updateStrategy.maxUnavailable ===
              ROLLOUT_MAX_UNAVAILABLE &&
            settled(r)
          );
        },
        WAIT_MS,
      );
      // A rollout is quick on kwok: evaluate back to back, and roll again (up to six times)
      // until an evaluation saw the share below 90% but within the budget; otherwise the test
      // proved nothing.
      let lowShareSeen = 0;
      for (let version = 2; version <= 7 && lowShareSeen === 0; version++) {
        const image = `example.com/agent:${version}`;
        await apps.patchNamespacedDaemonSet({
          namespace: ns.name,
          name: app,
          body: [
            {
              op: 'replace',
              path: '/spec/template/spec/containers/0/image',
              value: image,
            },
          ],
        });
        const seen = { evaluations: 0, lowShare: 0 };
        await eventually(
          `the rollout to ${image}`,
          async () => {
            await c.evaluate();
            seen.evaluations++;
            const r = await report(c, app);
            if (!r) return false;
            // Counted as the monitor counts.
            const { desired, ready } = assessDaemonSet(r);
            if (
              ready < 0.9 * desired &&
              desired - ready <=
                maxUnavailablePods(ROLLOUT_MAX_UNAVAILABLE, desired)
            ) {
              seen.lowShare++;
            }
            // Done once the controller has seen the new template and every pod runs it.
            return (
              r.daemonSet.observedGeneration >= r.daemonSet.generation &&
              r.daemonSet.updated === r.daemonSet.desired &&
              r.daemonSet.images.includes(image) &&
              settled(r)
            );
          },
          { timeoutMs: 120_000, intervalMs: 0 },
        );
        lowShareSeen += seen.lowShare;
        await c.evaluate();
        // eslint-disable-next-line no-console
        console.log(
          `rollout to ${image}: ${seen.evaluations} evaluations, ${seen.lowShare} saw fewer than 90% ready within the budget`,
        );
      }
      expect(lowShareSeen).toBeGreaterThan(0);
      const isDegraded = (n: any) => n.payload.severity === 'high';
      // Every episode the rollouts started has ended: as many recoveries as degradations.
      const duringRollout = await eventuallyValue(
        'every episode of the rollouts ended',
        async () => {
          const during = (await ownerNotifications([a, b, c])).filter(
            n => !beforeRollout.has(n.id),
          );
          return during.length === 2 * during.filter(isDegraded).length
            ? during
            : undefined;
        },
        WAIT_MS,
      );
      // Degradations whose own reason shows the rollout inside its budget: none.
      const insideBudget = duringRollout
        .filter(isDegraded)
        .map(n => n.payload.description as string)
        .filter(description => {
          const [, ready, desired] =
            /(\d+) of (\d+) pods ready/.exec(description) ?? [];
          return (
            ready === undefined ||
            Number(desired) - Number(ready) <=
              maxUnavailablePods(ROLLOUT_MAX_UNAVAILABLE, Number(desired))
          );
        });
      expect(insideBudget).toEqual([]);
      // eslint-disable-next-line no-console
      console.log(
        `notifications during the rollouts: ${duringRollout
          .map(n => n.payload.description)
          .join('; ')}`,
      );
    });
  },
);
