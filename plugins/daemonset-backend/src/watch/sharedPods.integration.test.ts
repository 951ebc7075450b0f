import { mockServices } from '@backstage/backend-test-utils';
import { ClusterStatus } from '@daemonsets/plugin-daemonset-common';
import {
  clusterEntryFor,
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { ClusterWatches } from './ClusterWatches';
import { DaemonSetGroup } from './DaemonSetGroup';

jest.setTimeout(180_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;
const SUITE = `One pod cache per entity, on the local cluster${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

const ID = 'itest-shared-pods';
const ENTITY_SELECTOR = `backstage.io/kubernetes-id=${ID}`;
/** Its pods carry the entity's label (the template has it). */
const CARRIED = 'itest-carried';
/** Only the DaemonSet carries the entity's label, not its pods. */
const BARE = 'itest-bare';

let cluster: TestCluster;
let ns: TestNamespace;
let watches: ClusterWatches | undefined;

function daemonSet(name: string, templateLabels: Record<string, string>) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name,
      namespace: ns.name,
      labels: { app: name, 'backstage.io/kubernetes-id': ID },
    },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: templateLabels },
        spec: {
          containers: [{ name: 'agent', image: 'example.com/agent:1' }],
        },
      },
    },
  };
}

beforeAll(async () => {
  if (skipReason) return;
  cluster = await getTestCluster();
  ns = await createTestNamespace(cluster, 'ds-shared-pods');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  await apps.createNamespacedDaemonSet({
    namespace: ns.name,
    body: daemonSet(CARRIED, {
      app: CARRIED,
      'backstage.io/kubernetes-id': ID,
    }),
  });
  await apps.createNamespacedDaemonSet({
    namespace: ns.name,
    body: daemonSet(BARE, { app: BARE }),
  });
});

afterAll(async () => {
  watches?.stopAll();
  await ns?.cleanup();
});

/** Resolves with the status once `predicate` holds, re-checked on every change; 120 s at most. */
function until(
  group: DaemonSetGroup,
  predicate: (s: ClusterStatus) => boolean,
): Promise<ClusterStatus> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(`never settled: ${JSON.stringify(group.status('local'))}`),
      );
    }, 120_000);
    const check = () => {
      const status = group.status('local');
      if (predicate(status)) {
        clearTimeout(timer);
        off();
        resolve(status);
      }
    };
    off = group.onChange(check);
    check();
  });
}

describeWithCluster(SUITE, () => {
  it('reports every DaemonSet with its own pods, also one whose pods lack the entity’s labels', async () => {
    watches = new ClusterWatches(
      { ...clusterEntryFor(cluster), skipTLSVerify: false },
      mockServices.logger.mock(),
    );
    const group = watches.acquireGroup(ns.name, ENTITY_SELECTOR);
    const settled = await until(
      group,
      s =>
        !s.error &&
        s.daemonSets.length === 2 &&
        s.daemonSets.every(
          r =>
            r.counts.ok > 0 &&
            r.counts.missing === 0 &&
            r.nodes.every(
              n => n.verdict === 'ok' || n.verdict === 'notEligible',
            ),
        ),
    );
    const byName = Object.fromEntries(
      settled.daemonSets.map(r => [r.daemonSet.name, r] as const),
    );
    expect(Object.keys(byName).sort()).toEqual([BARE, CARRIED]);
    // Each DaemonSet's rows show its own pods only, not its neighbour's.
    for (const name of [CARRIED, BARE]) {
      const pods = byName[name].nodes.flatMap(n => (n.pod ? [n.pod.name] : []));
      expect(pods.length).toBe(byName[name].counts.ok);
      expect(pods.every(p => p.startsWith(`${name}-`))).toBe(true);
    }
    expect(byName[CARRIED].counts.ok).toBe(byName[BARE].counts.ok);
    // Nodes, DaemonSets, the entity's pods and revisions, and BARE's own pods and revisions.
    expect(watches.openWatches).toBe(6);

    watches.releaseGroup(group);
    expect(watches.openWatches).toBe(0);
  });
});
