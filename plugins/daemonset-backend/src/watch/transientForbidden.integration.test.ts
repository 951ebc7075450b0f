/**
 * Fault tests: a 403 that goes away by itself (as after an API server restart, whose authorizer
 * refuses until it has read the RBAC objects) is shown as `reconnecting`, never as `failed`.
 * Against the fault tests' own cluster (`__testUtils__/faults.ts`).
 */
import {
  clusterEntryFor,
  createTestNamespace,
  getTestCluster,
  runClusterCli,
  TestCluster,
} from '@daemonsets/local-cluster/testing';
import {
  adminKubeConfig,
  APP,
  clusterOf,
  FAULTS,
  faultSuite,
  follow,
  startFaultScenario,
} from '../__testUtils__/faults';
import { createServiceAccount } from '../__testUtils__/serviceAccounts';

jest.setTimeout(240_000);

const suite = faultSuite('faults: transient 403');

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await getTestCluster(FAULTS);
}, 900_000);

afterAll(async () => {
  if (cluster)
    await runClusterCli(['start', 'kube-apiserver'], FAULTS).catch(
      () => undefined,
    );
});

suite.describe(suite.title, () => {
  it('shows a permission refused for a moment as reconnecting (HTTP 403), never failed', async () => {
    const accountNs = await createTestNamespace(cluster, 'faults-403t-sa');
    const account = await createServiceAccount(
      adminKubeConfig(cluster),
      accountNs.name,
    );
    const side = await startFaultScenario(cluster, {
      prefix: 'faults-403t',
      // Watches renew every 5-7.5 s, so the revocation is met soon.
      daemonset: { watchTimeout: { seconds: 5 } },
      clusters: [
        clusterEntryFor(cluster, { name: 'sa', token: account.token }),
      ],
    });
    const sse = await side.openEvents('fault-all');
    try {
      await follow(
        sse,
        Date.now(),
        s =>
          clusterOf(s, 'sa').connection.state === 'connected' &&
          clusterOf(s, 'sa').daemonSets.some(d => d.daemonSet.name === APP),
        60_000,
        'sa',
      );
      const since = Date.now();
      await account.revokePermission();
      const refused = await follow(
        sse,
        since,
        s => {
          const c = clusterOf(s, 'sa').connection;
          return 'reason' in c && !!c.reason?.includes('HTTP 403');
        },
        90_000,
        'sa',
      );
      // Granted again at once: well inside the 10 s grace.
      await account.grantPermission();
      const recovered = await follow(
        sse,
        since,
        s => clusterOf(s, 'sa').connection.state === 'connected',
        60_000,
        'sa',
      );
      const timeline = [...refused, ...recovered];
      // eslint-disable-next-line no-console
      console.log(`transient 403: ${timeline.join(' → ')}`);
      expect(refused[refused.length - 1]).toContain('reconnecting');
      expect(timeline.join(' ')).not.toContain('failed');
      const after = await side.status('fault-all');
      expect(
        clusterOf(after.body, 'sa').daemonSets.map(d => d.daemonSet.name),
      ).toEqual([APP]);
    } finally {
      sse.close();
      await side.stop();
      await account.cleanup();
      await accountNs.cleanup().catch(() => undefined);
    }
  });

  it('never reports the cluster failed across an API server restart', async () => {
    const scenario = await startFaultScenario(cluster, {
      prefix: 'faults-403r',
    });
    const sse = await scenario.openEvents('fault-local');
    try {
      await follow(
        sse,
        Date.now(),
        s => clusterOf(s, 'local').connection.state === 'connected',
      );
      const since = Date.now();
      const restart = runClusterCli(['restart', 'kube-apiserver'], FAULTS);
      const timeline = await follow(
        sse,
        since,
        (s, seen) =>
          seen.some(l => l.startsWith('reconnecting')) &&
          clusterOf(s, 'local').connection.state === 'connected',
      );
      await restart;
      // eslint-disable-next-line no-console
      console.log(`API server restart (portal token): ${timeline.join(' → ')}`);
      expect(timeline.join(' ')).not.toContain('failed');
    } finally {
      sse.close();
      await scenario.stop();
    }
  });
});
