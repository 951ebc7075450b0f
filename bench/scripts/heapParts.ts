/**
 * What the heap of an entity's DaemonSets is made of, in this process (no HTTP): after forced GC,
 * the caches once listed, then the built status (rows, reports), then its serialized snapshot;
 * for an entity selecting one DaemonSet and one selecting two (`bench-agent`, `bench-agent-b`, as
 * `secondDaemonSetHeap.ts --keep` leaves them on the bench cluster).
 *
 *   cd bench && node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs scripts/heapParts.ts
 */
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { ClusterWatches } from '../../plugins/daemonset-backend/src/watch/ClusterWatches';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { serializeStatus } from '../../plugins/daemonset-backend/src/watch/statusSerialization';
import { readBenchCluster } from '../src/cluster';
import { mib, sampleMemory } from '../src/memory';

const quiet: any = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => quiet,
};

async function parts(selector: string) {
  const cluster = readBenchCluster();
  const watches = new ClusterWatches(
    {
      name: 'bench',
      url: cluster.server,
      serviceAccountToken: cluster.adminToken,
      caData: cluster.caPem.toString('base64'),
    } as any,
    quiet,
    { watchList: true },
  );
  const m0 = await sampleMemory();
  const group = watches.acquireGroup('default', selector);
  await group.whenSynced(60_000);
  const m1 = await sampleMemory();
  const status = group.status('bench');
  const m2 = await sampleMemory();
  const snapshot = serializeStatus('component:default/x', [status], '');
  const m3 = await sampleMemory();
  const out = {
    selector,
    daemonSets: status.daemonSets.length,
    cachesMiB: mib(m1.heapUsed - m0.heapUsed),
    statusMiB: mib(m2.heapUsed - m1.heapUsed),
    snapshotMiB: mib(m3.heapUsed - m2.heapUsed),
    jsonKiB: Math.round(snapshot.json().length / 1024),
  };
  watches.stopAll();
  return out;
}

async function main() {
  for (let r = 0; r < 2; r++) {
    console.log(
      JSON.stringify(
        await parts('app=bench-agent,backstage.io/kubernetes-id=bench-agent'),
      ),
    );
    console.log(
      JSON.stringify(await parts('backstage.io/kubernetes-id=bench-agent')),
    );
  }
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
