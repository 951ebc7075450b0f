/**
 * Fault tests: the API server restarts, and restarts with a newer etcd revision so that resumed
 * watches get a real 410 Gone. Against the fault tests' own cluster (`__testUtils__/faults.ts`).
 * Prints what it observes; docs/hardening.md records the figures.
 */
import {
  getTestCluster,
  runClusterCli,
  TestCluster,
} from '@daemonsets/local-cluster/testing';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import {
  APP,
  clusterOf,
  eventually,
  FaultScenario,
  FAULTS,
  faultSuite,
  follow,
  imagesOf,
  startFaultScenario,
} from './__testUtils__/faults';

jest.setTimeout(240_000);

const suite = faultSuite('faults: API server restarts');

let cluster: TestCluster;
let scenario: FaultScenario | undefined;

beforeAll(async () => {
  cluster = await getTestCluster(FAULTS);
}, 900_000);

afterEach(async () => {
  await scenario?.stop();
  scenario = undefined;
});

afterAll(async () => {
  // Whatever happened, leave the cluster whole for the next run.
  if (cluster)
    await runClusterCli(['start', 'kube-apiserver'], FAULTS).catch(
      () => undefined,
    );
});

/**
 * Advances etcd's revision by writing a key outside `/registry` (which the API server never
 * reads), straight to the faults cluster's etcd: what the other API servers of a real control
 * plane do all the time while one of them restarts.
 */
function bumpEtcdRevision(): Promise<number> {
  const state = JSON.parse(
    readFileSync(join(dirname(cluster.kubeconfigPath), 'state.json'), 'utf8'),
  );
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  const body = JSON.stringify({
    key: b64('/daemonset-faults/revision-bump'),
    value: b64(new Date().toISOString()),
  });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `http://127.0.0.1:${state.ports.etcdClient}/v3/kv/put`,
      { method: 'POST', headers: { 'Content-Type': 'application/json' } },
      res => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          const revision = Number(JSON.parse(text)?.header?.revision);
          if (res.statusCode === 200 && revision > 0) resolve(revision);
          else reject(new Error(`etcd put: HTTP ${res.statusCode} ${text}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

suite.describe(suite.title, () => {
  it('reports reconnecting while the API server restarts, then recovers status and SSE by itself', async () => {
    scenario = await startFaultScenario(cluster, { prefix: 'faults-restart' });
    const sse = await scenario.openEvents('fault-local');
    try {
      const first = JSON.parse((await sse.next()).data);
      expect(clusterOf(first, 'local').connection.state).toBe('connected');

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
      console.log(
        `API server restart, as seen over SSE: ${timeline.join(' → ')}`,
      );

      const changedAt = Date.now();
      await scenario.setImage('example.com/agent:2.0');
      await follow(sse, changedAt, s =>
        imagesOf(s).includes('example.com/agent:2.0'),
      );
      // eslint-disable-next-line no-console
      console.log(
        `first change after the restart arrived over SSE after ${
          Date.now() - changedAt
        } ms`,
      );
      const after = await scenario.status('fault-local');
      expect(clusterOf(after.body, 'local').connection.state).toBe('connected');
      expect(imagesOf(after.body)).toEqual(['example.com/agent:2.0']);
    } finally {
      sse.close();
    }
  });

  it('re-lists after a real 410 Gone: watches resumed from a resourceVersion the restarted API server no longer has', async () => {
    scenario = await startFaultScenario(cluster, { prefix: 'faults-gone' });
    const { logs, ns } = scenario;
    const relists = () =>
      logs.filter(
        l => l.startsWith('debug Re-listing') && l.includes('of cluster local'),
      );
    const sse = await scenario.openEvents('fault-local');
    try {
      const first = JSON.parse((await sse.next()).data);
      expect(clusterOf(first, 'local').connection.state).toBe('connected');
      const before = relists().length;

      const since = Date.now();
      let upAt = 0;
      const fault = (async () => {
        await runClusterCli(['stop', 'kube-apiserver'], FAULTS);
        try {
          // Every watch's resourceVersion is now older than etcd's: the fresh watch cache of the
          // restarted API server starts above it and answers the resumed watches with 410.
          return await bumpEtcdRevision();
        } finally {
          await runClusterCli(['start', 'kube-apiserver'], FAULTS);
          upAt = Date.now() - since;
        }
      })();
      const timeline = await follow(
        sse,
        since,
        (s, seen) =>
          seen.some(l => l.startsWith('reconnecting')) &&
          clusterOf(s, 'local').connection.state === 'connected',
      );
      const revision = await fault;
      await eventually(
        'the daemonsets watch to re-list',
        () =>
          relists()
            .slice(before)
            .some(l => l.includes(`daemonsets (app=${APP}) in namespace`)),
        30_000,
      );
      const relisted = relists().slice(before);
      // eslint-disable-next-line no-console
      console.log(
        `API server stopped, etcd revision bumped to ${revision}, API server ready again at ${upAt} ms; ` +
          `SSE timeline: ${timeline.join(' → ')}; ${
            relisted.length
          } re-lists after 410: ${relisted
            .map(l => l.replace(/^debug Re-listing (.*): .*$/, '$1'))
            .join('; ')}`,
      );
      expect(relisted).toEqual(
        expect.arrayContaining([
          expect.stringContaining(`nodes of cluster local`),
          expect.stringContaining(
            `daemonsets (app=${APP}) in namespace ${ns.name} of cluster local`,
          ),
        ]),
      );

      // The re-listed caches follow changes, and the status is whole.
      const changedAt = Date.now();
      await scenario.setImage('example.com/agent:4.0');
      await follow(sse, changedAt, s =>
        imagesOf(s).includes('example.com/agent:4.0'),
      );
      const after = await scenario.status('fault-local');
      expect(clusterOf(after.body, 'local').connection.state).toBe('connected');
      expect(imagesOf(after.body)).toEqual(['example.com/agent:4.0']);
      expect(
        clusterOf(after.body, 'local').daemonSets[0].daemonSet,
      ).toMatchObject({ name: APP, namespace: ns.name });
    } finally {
      sse.close();
    }
  });
});
