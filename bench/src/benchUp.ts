import { clusterCli } from './cluster';

/**
 * `cluster up --nodes N` for the bench cluster. The cluster tool's own fleet wait has no fixed
 * deadline: it counts Ready nodes cheaply and fails only when the count stops growing, so a slow
 * fleet on a loaded machine still comes up. Returns the seconds taken.
 */
export async function upBenchCluster(
  nodes: number,
  log: (m: string) => void,
): Promise<number> {
  const started = Date.now();
  await clusterCli([
    'up',
    '--nodes',
    String(nodes),
    '--seed',
    '1',
    '--no-example',
  ]);
  const s = (Date.now() - started) / 1000;
  log(`bench cluster up at ${nodes} nodes in ${s.toFixed(0)} s`);
  return s;
}
