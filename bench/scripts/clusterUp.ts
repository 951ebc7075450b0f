/**
 * Brings the bench cluster up at `--nodes N` with `bench-agent` rolled out and leaves it up
 * (what `yarn bench --keep-up` leaves, without measuring), for `coldStart.ts` and
 * `secondDaemonSetHeap.ts`.
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs scripts/clusterUp.ts --nodes 1000
 */
import { Kube, readBenchCluster } from '../src/cluster';
import { upBenchCluster } from '../src/benchUp';
import { ensureDaemonSet, waitRolledOut } from '../src/workload';
import { runMain } from '../src/cli';

async function main() {
  const i = process.argv.indexOf('--nodes');
  const nodes = Number(i >= 0 ? process.argv[i + 1] : '1000');
  await upBenchCluster(nodes, m => console.log(m));
  const kube = new Kube(readBenchCluster());
  await ensureDaemonSet(kube);
  const counts = await waitRolledOut(kube, 900_000, m => console.log(m));
  console.log(JSON.stringify(counts));
  kube.close();
}

runMain(main);
