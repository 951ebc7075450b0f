import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_CLUSTER_ENV, clusterCli, Kube } from './cluster';

/**
 * The admin connection from the files `up` writes before it waits for the fleet (`state.json`
 * only exists once an `up` succeeded).
 */
function adminKube(): Kube {
  const home = BENCH_CLUSTER_ENV.CLUSTER_HOME;
  const kubeconfig = readFileSync(join(home, 'kubeconfig'), 'utf8');
  const server = /server:\s*(\S+)/.exec(kubeconfig)?.[1];
  if (!server) throw new Error(`no server in ${home}/kubeconfig`);
  const none = Buffer.alloc(0);
  return new Kube({
    server,
    caPem: readFileSync(join(home, 'pki', 'ca.crt')),
    adminToken: readFileSync(join(home, 'tokens', 'admin'), 'utf8').trim(),
    serverCert: none,
    serverKey: none,
  });
}

/**
 * Counts the fleet's Ready nodes cheaply: the API server's Table form (name and status columns,
 * no objects) served from its watch cache (`resourceVersion=0`): ~0.3 KB a node instead of the
 * ~4 KB of a full Node, and no etcd read.
 */
export async function readyNodes(): Promise<{ ready: number; total: number }> {
  const kube = adminKube();
  try {
    const res = await kube.request(
      'GET',
      '/api/v1/nodes?labelSelector=daemonsets.dev%2Ffleet&includeObject=None&resourceVersion=0',
      undefined,
      { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' },
    );
    if (res.status !== 200) return { ready: 0, total: 0 };
    const rows: Array<{ cells: string[] }> = JSON.parse(
      res.body.toString(),
    ).rows;
    return {
      ready: rows.filter(r => /^Ready\b/.test(r.cells[1])).length,
      total: rows.length,
    };
  } finally {
    kube.close();
  }
}

/**
 * `cluster up --nodes N` for the bench cluster, tolerant of a slow fleet: the cluster tool gives
 * the kwok nodes a fixed time to turn Ready (60 s + 0.1 s a node: 560 s at 5000), which a loaded
 * 2-core machine does not meet (kwok and the API server readied ~5–8 nodes/s at load 16). `up` is
 * idempotent, so while the Ready count still grows the same `up` is run again (its wait starts
 * over); it fails once an attempt made no progress. Returns the seconds taken.
 */
export async function upBenchCluster(
  nodes: number,
  log: (m: string) => void,
  maxAttempts = 4,
): Promise<number> {
  const started = Date.now();
  let lastReady = -1;
  for (let attempt = 1; ; attempt++) {
    try {
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
    } catch (e) {
      const { ready, total } = await readyNodes().catch(() => ({
        ready: -1,
        total: 0,
      }));
      log(`cluster up attempt ${attempt}: ${e} (${ready}/${total} Ready)`);
      if (attempt >= maxAttempts || ready <= lastReady) throw e;
      lastReady = ready;
    }
  }
}
