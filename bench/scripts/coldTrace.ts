/**
 * Where the cold first status goes: opens one entity's DaemonSet group on the bench cluster in
 * this process (no HTTP, no catalog) and prints when each list of the first answer was taken in,
 * then how long building and serializing the status took. One fresh set of watches per mode:
 * WatchList or LIST, protobuf or JSON. With `--held`, the nodes and the DaemonSet pods are held
 * from the start as the backend does by default (right after start).
 *
 *   cd bench && node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/coldTrace.ts --rounds 3 [--held]
 */
import { execSync } from 'node:child_process';
// The watch layer's internals, timed here without the HTTP layer; the backend exports no API.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { ClusterWatches } from '../../plugins/daemonset-backend/src/watch/ClusterWatches';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { serializeStatus } from '../../plugins/daemonset-backend/src/watch/statusSerialization';
import { readBenchCluster } from '../src/cluster';
import { BENCH_APP, BENCH_NAMESPACE } from '../src/workload';

const rounds = Number(
  process.argv[process.argv.indexOf('--rounds') + 1] ?? '3',
);

const quiet = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child: () => quiet,
};

const held = process.argv.includes('--held');

async function trace(watchList: boolean, protobuf: boolean) {
  const cluster = readBenchCluster();
  const watches = new ClusterWatches(
    {
      name: 'bench',
      url: cluster.server,
      serviceAccountToken: cluster.adminToken,
      caData: cluster.caPem.toString('base64'),
    } as any,
    quiet as any,
    { watchList, protobuf },
  );
  const t0 = performance.now();
  if (held) {
    watches.holdNodes();
    watches.holdDaemonSetPods();
  }
  const group = watches.acquireGroup(
    BENCH_NAMESPACE,
    `backstage.io/kubernetes-id=${BENCH_APP}`,
  );
  await group.whenSynced(30_000);
  const synced = performance.now() - t0;
  const t1 = performance.now();
  const status = group.status('bench');
  const built = performance.now() - t1;
  const t2 = performance.now();
  serializeStatus('component:default/x', [status], new Date().toISOString());
  const serialized = performance.now() - t2;
  watches.releaseGroup(group);
  watches.stopAll();
  return {
    mode: `${watchList ? 'watchlist' : 'list'}-${
      protobuf ? 'protobuf' : 'json'
    }`,
    held,
    listedMs: Math.round(synced),
    buildMs: Math.round(built),
    serializeMs: Math.round(serialized),
    rows: status.daemonSets[0]?.nodes.length,
    error: status.error?.message,
    load: execSync('uptime')
      .toString()
      .trim()
      .replace(/^.*load/, 'load'),
  };
}

async function main() {
  for (let i = 0; i < rounds; i++) {
    for (const watchList of [true, false]) {
      for (const protobuf of [true, false]) {
        global.gc?.();
        console.log(JSON.stringify(await trace(watchList, protobuf)));
      }
    }
  }
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
