/**
 * Heap of one more DaemonSet of an entity, on the bench cluster as left by
 * `secondDaemonSetHeap.ts --keep` (`bench-agent` and `bench-agent-b` rolled out, same
 * `backstage.io/kubernetes-id`): alternately a fresh backend whose entity selects one DaemonSet
 * (`app=bench-agent,backstage.io/kubernetes-id=bench-agent`) and one whose entity selects both
 * (`backstage.io/kubernetes-id=bench-agent`); each reads its status until it is settled (the same
 * ok counts twice in a row, 2 s apart) and samples the heap after forced GC. One more DaemonSet =
 * median(both) − median(one). Creates and deletes nothing.
 *
 *   cd bench && node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/oneMoreDaemonSetHeap.ts --rounds 3 [--snapshots /tmp/heap] [--warm 200]
 *
 * `--snapshots DIR` writes a heap snapshot of each backend once settled (`<kind>-<round>`), to
 * compare with `heapDiff.ts`; `--warm N` then times N warm status requests (p50, p95 in ms).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import v8 from 'node:v8';
import { Entity } from '@backstage/catalog-model';
import { startBenchBackend, statusUrl } from '../src/backend';
import { readBenchCluster } from '../src/cluster';
import { call } from '../src/httpClient';
import { mib, sampleMemory } from '../src/memory';
import { arg, loadAverage, runMain } from '../src/cli';
import { median } from '../src/stats';

const rounds = Number(arg('rounds', '3'));
const snapshotDir = arg('snapshots', '');
const warmCount = Number(arg('warm', '0'));

function entity(name: string, selector: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-label-selector': selector,
        'backstage.io/kubernetes-namespace': 'default',
      },
    },
    spec: { type: 'service', owner: 'bench', lifecycle: 'experimental' },
  };
}

const CASES = {
  one: entity('one', 'app=bench-agent,backstage.io/kubernetes-id=bench-agent'),
  both: entity('both', 'backstage.io/kubernetes-id=bench-agent'),
};

/** p50 and p95 (ms) of `count` status requests in a row, once the answer is cached. */
async function warmTimes(url: string, count: number) {
  const ms: number[] = [];
  for (let n = 0; n < count; n++) ms.push((await call(url)).ms);
  ms.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] * 100) /
    100;
  return { p50: at(0.5), p95: at(0.95) };
}

/** How many DaemonSets the status reports, and each one's ok count (as JSON). */
async function okCounts(url: string): Promise<{ n: number; counts: string }> {
  const status = JSON.parse((await call(url)).body);
  const reports = status.clusters.flatMap((c: any) =>
    c.error ? [] : c.daemonSets,
  );
  return {
    n: reports.length,
    counts: JSON.stringify(
      reports.map((r: any) => [r.daemonSet.name, r.counts.ok]),
    ),
  };
}

/**
 * Reads the status until settled. The parsed answers stay inside {@link okCounts}: held in a
 * suspended frame of the caller, the client's copy of the last answer (a megabyte per 1000 rows)
 * would be counted as the backend's heap.
 */
async function untilSettled(url: string, expected: number): Promise<string> {
  let last = '';
  const deadline = Date.now() + 300_000;
  for (;;) {
    const { n, counts } = await okCounts(url);
    if (n === expected && counts === last) return last;
    if (Date.now() > deadline) throw new Error(`never settled: ${counts}`);
    last = counts;
    await new Promise(r => setTimeout(r, 2000));
  }
}

async function heapOf(
  kind: keyof typeof CASES,
  expected: number,
  round: number,
) {
  const cluster = readBenchCluster();
  const backend = await startBenchBackend(cluster, cluster.server, {
    entities: [CASES[kind]],
    // Nodes and pods listed after `before`, by both kinds alike, so that they cancel out.
    daemonset: {
      watchNodesFromStart: false,
      watchDaemonSetPodsFromStart: false,
    },
  });
  try {
    const before = await sampleMemory();
    const last = await untilSettled(statusUrl(backend.baseUrl, kind), expected);
    const after = await sampleMemory();
    if (snapshotDir) {
      v8.writeHeapSnapshot(join(snapshotDir, `${kind}-${round}.heapsnapshot`));
    }
    const warm =
      warmCount > 0
        ? await warmTimes(statusUrl(backend.baseUrl, kind), warmCount)
        : undefined;
    return {
      kind,
      heapMiB: mib(after.heapUsed - before.heapUsed),
      ok: last,
      warm,
    };
  } finally {
    await backend.stop();
  }
}

async function main() {
  const loadStart = loadAverage();
  if (snapshotDir) mkdirSync(resolve(snapshotDir), { recursive: true });
  const results: Array<{ kind: string; heapMiB: number; ok: string }> = [];
  for (let r = 0; r < rounds; r++) {
    for (const [kind, expected] of [
      ['one', 1],
      ['both', 2],
    ] as const) {
      const result = await heapOf(kind, expected, r);
      results.push(result);
      console.log(JSON.stringify(result));
    }
  }
  const of = (kind: string) =>
    median(results.filter(x => x.kind === kind).map(x => x.heapMiB));
  console.log(
    JSON.stringify({
      one: of('one'),
      both: of('both'),
      oneMoreDaemonSetMiB: Math.round((of('both') - of('one')) * 10) / 10,
      loadStart,
      loadEnd: loadAverage(),
    }),
  );
}

runMain(main);
