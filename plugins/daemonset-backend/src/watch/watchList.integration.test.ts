import { mockServices } from '@backstage/backend-test-utils';
import {
  ClusterStatus,
  DaemonSetStatusReport,
} from '@daemonsets/plugin-daemonset-common';
import {
  clusterEntryFor,
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { eventually } from '../__testUtils__/eventually';
import { ClusterWatches } from './ClusterWatches';
import { DAEMONSET_POD_LABEL } from './daemonSetPods';
import { DaemonSetGroup } from './DaemonSetGroup';

jest.setTimeout(180_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;
const SUITE = `WatchList, LIST and held DaemonSet pods against the local cluster${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

const APP = 'itest-watchlist';

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let core: CoreV1Api;
const opened: Array<{ watches: ClusterWatches; group: DaemonSetGroup }> = [];

/**
 * The group of `APP` read one way, started; with `heldPods`, once the cluster's DaemonSet pods
 * are held and watched; lists in protobuf unless `protobuf` is false.
 */
async function open(watchList: boolean, heldPods = false, protobuf = true) {
  const logger = mockServices.logger.mock();
  const watches = new ClusterWatches(
    { ...clusterEntryFor(cluster), skipTLSVerify: false },
    logger,
    { watchList, protobuf },
  );
  if (heldPods) {
    watches.holdDaemonSetPods();
    const held = watches.acquire('pods', undefined, DAEMONSET_POD_LABEL);
    await eventually(
      'the DaemonSet pods held',
      () => held.synced && held.connection.state === 'connected',
      30_000,
    );
    watches.release(held);
  }
  const group = watches.acquireGroup(ns.name, `app=${APP}`);
  opened.push({ watches, group });
  return { watches, group, logger };
}

/** Deletes one pod of `APP` and returns its name. */
async function deleteOnePod(): Promise<string> {
  const pods = await core.listNamespacedPod({
    namespace: ns.name,
    labelSelector: `app=${APP}`,
  });
  const victim = pods.items[0].metadata!.name!;
  await core.deleteNamespacedPod({
    namespace: ns.name,
    name: victim,
    gracePeriodSeconds: 0,
  });
  return victim;
}

const settled = (s: ClusterStatus) =>
  !s.error &&
  s.daemonSets.length === 1 &&
  s.daemonSets[0].counts.missing === 0 &&
  s.daemonSets[0].nodes.every(
    n => n.verdict === 'ok' || n.verdict === 'notEligible',
  );

const without = (victim: string) => (s: ClusterStatus) =>
  settled(s) &&
  s.daemonSets[0].nodes.every(n => (n.pod ? n.pod.name !== victim : true));

/** What both paths must agree on: everything but the times of observation. */
function comparable(s: ClusterStatus) {
  return s.daemonSets.map((r: DaemonSetStatusReport) => ({
    ...r,
    observedAt: undefined,
    connection: r.connection.state,
  }));
}

beforeAll(async () => {
  if (skipReason) return;
  cluster = await getTestCluster();
  ns = await createTestNamespace(cluster, 'ds-watchlist');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  apps = kubeConfig.makeApiClient(AppsV1Api);
  core = kubeConfig.makeApiClient(CoreV1Api);
  await apps.createNamespacedDaemonSet({
    namespace: ns.name,
    body: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: APP, namespace: ns.name, labels: { app: APP } },
      spec: {
        selector: { matchLabels: { app: APP } },
        template: {
          metadata: { labels: { app: APP } },
          spec: {
            containers: [{ name: 'agent', image: 'example.com/agent:1' }],
          },
        },
      },
    },
  });
});

afterAll(async () => {
  for (const { watches } of opened) watches.stopAll();
  await ns?.cleanup();
});

/**
 * Resolves once both groups report the same settled status (they are two independent caches of
 * the same cluster, so an event may reach one a moment before the other), re-checked on every
 * change of either; rejects with both statuses after `timeoutMs`.
 */
function agree(
  one: DaemonSetGroup,
  other: DaemonSetGroup,
  predicate: (s: ClusterStatus) => boolean,
  timeoutMs = 90_000,
): Promise<ClusterStatus> {
  return new Promise((resolve, reject) => {
    const stops: Array<() => void> = [];
    const done = () => stops.forEach(stop => stop());
    const check = () => {
      const a = one.status('local');
      const b = other.status('local');
      if (
        predicate(a) &&
        predicate(b) &&
        JSON.stringify(comparable(a)) === JSON.stringify(comparable(b))
      ) {
        done();
        resolve(a);
      }
    };
    const timer = setTimeout(() => {
      done();
      reject(
        new Error(
          `the two paths did not agree: ${JSON.stringify(
            comparable(one.status('local')),
          )} vs ${JSON.stringify(comparable(other.status('local')))}`,
        ),
      );
    }, timeoutMs);
    const offOne = one.onChange(check);
    const offOther = other.onChange(check);
    stops.push(
      () => clearTimeout(timer),
      () => offOne(),
      () => offOther(),
    );
    check();
  });
}

describeWithCluster(SUITE, () => {
  it('gives the same status read as a WatchList and as a LIST, also after a change', async () => {
    const streamed = await open(true);
    const listed = await open(false);
    const settledStatus = await agree(streamed.group, listed.group, settled);
    expect(streamed.watches.readsWith).toBe('watchList');
    expect(listed.watches.readsWith).toBe('list');
    expect(settledStatus.daemonSets[0].counts.ok).toBeGreaterThan(0);

    // One pod replaced: both follow it to the same settled status.
    const victim = await deleteOnePod();
    const after = await agree(streamed.group, listed.group, without(victim));
    expect(after.daemonSets[0].counts.ok).toBe(
      settledStatus.daemonSets[0].counts.ok,
    );
  });

  it('gives the same status from the held DaemonSet pods as from its own list, also after a change', async () => {
    const held = await open(true, true);
    const listed = await open(true);
    const settledStatus = await agree(held.group, listed.group, settled);
    expect(settledStatus.daemonSets[0].counts.ok).toBeGreaterThan(0);
    const fromHeld = (logger: typeof held.logger) =>
      logger.debug.mock.calls.filter(([line]) =>
        String(line).includes("from the cluster's DaemonSet pods"),
      );
    expect(fromHeld(held.logger)).toHaveLength(1);
    expect(fromHeld(listed.logger)).toHaveLength(0);

    const victim = await deleteOnePod();
    const after = await agree(held.group, listed.group, without(victim));
    expect(after.daemonSets[0].counts.ok).toBe(
      settledStatus.daemonSets[0].counts.ok,
    );
  });

  it.each([
    ['a WatchList', true],
    ['a LIST', false],
  ])(
    'gives the same status read in protobuf and in JSON, as %s, also after a change',
    async (_, watchList) => {
      const decoded = await open(watchList, false, true);
      const parsed = await open(watchList, false, false);
      const settledStatus = await agree(decoded.group, parsed.group, settled);
      expect(settledStatus.daemonSets[0].counts.ok).toBeGreaterThan(0);

      const victim = await deleteOnePod();
      const after = await agree(decoded.group, parsed.group, without(victim));
      expect(after.daemonSets[0].counts.ok).toBe(
        settledStatus.daemonSets[0].counts.ok,
      );
    },
  );
});
