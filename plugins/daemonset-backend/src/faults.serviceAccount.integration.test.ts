/**
 * Fault tests: a service account's token revoked, and its permission revoked and granted again,
 * while the backend runs. Against the fault tests' own cluster (`__testUtils__/faults.ts`).
 * Prints what it observes; docs/hardening.md records the figures.
 */
import {
  clusterEntryFor,
  createTestNamespace,
  getTestCluster,
  TestCluster,
} from '@daemonsets/local-cluster/testing';
import request from 'supertest';
import {
  adminKubeConfig,
  APP,
  clusterOf,
  connectionLabel,
  eventually,
  FaultScenario,
  FAULTS,
  faultSuite,
  follow,
  startFaultScenario,
  statusPath,
} from './__testUtils__/faults';
import {
  createServiceAccount,
  TestServiceAccount,
} from './__testUtils__/serviceAccounts';
import { SseReader } from './__testUtils__/testBackend';

jest.setTimeout(240_000);

const suite = faultSuite('faults: service account revoked');

/**
 * The API server checks credentials when a request starts, never again on an open watch: a short
 * `watchTimeout` renews the watches every few seconds, so that a revocation shows up soon.
 */
const SA_WATCH_TIMEOUT_S = 5;

let cluster: TestCluster;

beforeAll(async () => {
  cluster = await getTestCluster(FAULTS);
}, 900_000);

/**
 * Creates a service account (in a namespace of its own), starts a backend reading the cluster as
 * `local` (the portal's token) and as `sa` (the account's token), follows `fault-all` until `sa`
 * is connected and shows the DaemonSet, runs `body`, and always cleans up. Returns the account,
 * everything the live channel carried and the backend's log lines, for the checks that no token
 * leaked.
 */
async function withServiceAccountBackend(
  prefix: string,
  body: (run: {
    account: TestServiceAccount;
    side: FaultScenario;
    sse: SseReader;
  }) => Promise<void>,
): Promise<{ account: TestServiceAccount; streamed: string; logs: string[] }> {
  const accountNs = await createTestNamespace(cluster, `${prefix}-sa`);
  const account = await createServiceAccount(
    adminKubeConfig(cluster),
    accountNs.name,
  );
  let side: FaultScenario | undefined;
  let sse: SseReader | undefined;
  try {
    side = await startFaultScenario(cluster, {
      prefix,
      daemonset: { watchTimeout: { seconds: SA_WATCH_TIMEOUT_S } },
      clusters: [
        clusterEntryFor(cluster, { name: 'sa', token: account.token }),
      ],
    });
    sse = await side.openEvents('fault-all');
    await follow(
      sse,
      Date.now(),
      s =>
        clusterOf(s, 'sa').connection.state === 'connected' &&
        clusterOf(s, 'sa').daemonSets.some(d => d.daemonSet.name === APP),
      60_000,
      'sa',
    );
    await body({ account, side, sse });
    return { account, streamed: sse.raw(), logs: side.logs };
  } finally {
    sse?.close();
    await side?.stop();
    await account.cleanup();
    await accountNs.cleanup().catch(() => undefined);
  }
}

suite.describe(suite.title, () => {
  it('reports a service account token revoked while running as failed (HTTP 401) and keeps serving the other cluster', async () => {
    const answered: string[] = [];
    const {
      account,
      streamed,
      logs: sideLogs,
    } = await withServiceAccountBackend(
      'faults-401',
      async ({ account: sa, side, sse }) => {
        const since = Date.now();
        await sa.delete();
        const timeline = await follow(
          sse,
          since,
          s => connectionLabel(clusterOf(s, 'sa').connection).includes('401'),
          90_000,
          'sa',
        );
        const reportedMs = Date.now() - since;

        // It keeps retrying (quietly: one warning per watch) and keeps reporting the reason.
        await eventually(
          'a retry after the 401',
          () =>
            side.logs.some(
              l => l.startsWith('debug Watch of') && l.includes('HTTP 401'),
            ),
          30_000,
        );
        const response = await request(side.server).get(
          statusPath('fault-all'),
        );
        expect(response.status).toBe(200);
        answered.push(JSON.stringify(response.body));
        expect(clusterOf(response.body, 'sa').connection).toMatchObject({
          state: 'failed',
          reason: 'HTTP 401: the service account token was rejected',
        });
        const local = clusterOf(response.body, 'local');
        expect(local.connection.state).not.toBe('failed');
        expect(local.daemonSets.map(d => d.daemonSet.name)).toEqual([APP]);
        // eslint-disable-next-line no-console
        console.log(
          `service account deleted: reported after ${reportedMs} ms (watchTimeout ${SA_WATCH_TIMEOUT_S} s); ` +
            `SSE timeline of sa: ${timeline.join(
              ' → ',
            )}; local: ${connectionLabel(local.connection)}`,
        );
      },
    );
    const text = `${answered.join('\n')}\n${streamed}\n${sideLogs.join('\n')}`;
    expect(text).not.toContain(account.token);
    expect(text).not.toContain(account.token.split('.')[2]);
    expect(text).not.toContain(cluster.portalToken);
  });

  it('reports a revoked permission as failed (HTTP 403) and recovers by itself once it is granted again', async () => {
    await withServiceAccountBackend(
      'faults-403',
      async ({ account, side, sse }) => {
        const since = Date.now();
        await account.revokePermission();
        const revoked = await follow(
          sse,
          since,
          s => connectionLabel(clusterOf(s, 'sa').connection).includes('403'),
          90_000,
          'sa',
        );
        const reportedMs = Date.now() - since;
        // Denied for a while, so that the retries back off towards their cap.
        await new Promise(r => setTimeout(r, 15_000));
        const during = await request(side.server).get(statusPath('fault-all'));
        expect(clusterOf(during.body, 'sa').connection).toMatchObject({
          state: 'failed',
          reason:
            'HTTP 403: the service account may not list or watch these objects',
        });

        const grantedAt = Date.now();
        await account.grantPermission();
        const granted = await follow(
          sse,
          grantedAt,
          s => clusterOf(s, 'sa').connection.state === 'connected',
          90_000,
          'sa',
        );
        const recoveredMs = Date.now() - grantedAt;
        const after = await request(side.server).get(statusPath('fault-all'));
        const sa = clusterOf(after.body, 'sa');
        expect(sa.connection.state).toBe('connected');
        expect(sa.daemonSets.map(d => d.daemonSet.name)).toEqual([APP]);
        expect(side.logs.join('\n')).toContain(
          'Watch of nodes of cluster sa reconnected',
        );
        // eslint-disable-next-line no-console
        console.log(
          `ClusterRoleBinding deleted: failed after ${reportedMs} ms (${revoked.join(
            ' → ',
          )}); re-created after 15 s denied: connected after ${recoveredMs} ms (${granted.join(
            ' → ',
          )})`,
        );
      },
    );
  });
});
