/**
 * Brings the bench cluster up at `--nodes N` with `bench-agent` rolled out and leaves it up
 * (what `yarn bench --keep-up` leaves, without measuring), for `coldStart.ts` and
 * `secondDaemonSetHeap.ts`.
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs scripts/clusterUp.ts --nodes 1000
 */
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { clusterCli, Kube, readBenchCluster } from '../src/cluster';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { ensureDaemonSet, waitRolledOut } from '../src/workload';

async function main() {
  const i = process.argv.indexOf('--nodes');
  const nodes = i >= 0 ? process.argv[i + 1] : '1000';
  await clusterCli(['up', '--nodes', nodes, '--seed', '1', '--no-example']);
  const kube = new Kube(readBenchCluster());
  await ensureDaemonSet(kube);
  const counts = await waitRolledOut(kube, 900_000, m => console.log(m));
  console.log(JSON.stringify(counts));
  kube.close();
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
