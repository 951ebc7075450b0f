/**
 * Fault test: etcd stops for 10 s under a running API server. Against the fault tests' own
 * cluster (`__testUtils__/faults.ts`). Prints what it observes; docs/hardening.md records it.
 */
import {
  getTestCluster,
  runClusterCli,
  TestCluster,
} from '@daemonsets/local-cluster/testing';
import {
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

const suite = faultSuite('faults: etcd outage');
const OUTAGE_MS = 10_000;

let cluster: TestCluster;
let scenario: FaultScenario | undefined;

beforeAll(async () => {
  cluster = await getTestCluster(FAULTS);
}, 900_000);

afterAll(async () => {
  await scenario?.stop();
  // Whatever happened, leave the cluster whole for the next run.
  if (cluster)
    await runClusterCli(['start', 'etcd'], FAULTS).catch(() => undefined);
});

suite.describe(suite.title, () => {
  it('survives an etcd outage: stays connected, serves the cache meanwhile and follows changes after it', async () => {
    scenario = await startFaultScenario(cluster, { prefix: 'faults-etcd' });
    const sse = await scenario.openEvents('fault-local');
    try {
      const image = await scenario.currentImage();
      await follow(sse, Date.now(), s => imagesOf(s).includes(image));
      const since = Date.now();
      await runClusterCli(['stop', 'etcd'], FAULTS);
      // The outage itself, not a wait for a result.
      await new Promise(r => setTimeout(r, OUTAGE_MS));
      const during = await scenario.status('fault-local');
      const duringState = clusterOf(during.body, 'local').connection;
      // The API server keeps its watches open from its watch cache: the outage is invisible to
      // the plugin, which keeps serving what it has and says it is connected (docs/hardening.md).
      expect(duringState.state).toBe('connected');
      expect(imagesOf(during.body)).toEqual([image]);
      await runClusterCli(['start', 'etcd'], FAULTS);
      const restartedAt = Date.now() - since;

      // A change made once etcd is back arrives over the same stream.
      await eventually('API server ready again', async () => {
        try {
          await scenario!.setImage('example.com/agent:3.0');
          return true;
        } catch {
          return false;
        }
      });
      const timeline = await follow(
        sse,
        since,
        s =>
          imagesOf(s).includes('example.com/agent:3.0') &&
          clusterOf(s, 'local').connection.state === 'connected',
      );
      // Every event since the stop, queued on the stream meanwhile, said connected.
      expect(timeline.filter(t => !/ ms connected$/.test(t))).toEqual([]);
      // eslint-disable-next-line no-console
      console.log(
        `etcd stopped ${OUTAGE_MS} ms (restarted at ${restartedAt} ms): status during the outage answered in ${
          during.ms
        } ms with ${JSON.stringify(duringState)}; SSE timeline: ${timeline.join(
          ' → ',
        )}`,
      );
      const after = await scenario.status('fault-local');
      expect(clusterOf(after.body, 'local').connection.state).toBe('connected');
      expect(imagesOf(after.body)).toEqual(['example.com/agent:3.0']);
    } finally {
      sse.close();
    }
  });
});
