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
 *     scripts/oneMoreDaemonSetHeap.ts --rounds 3
 */
import { execSync } from 'node:child_process';
import { Entity } from '@backstage/catalog-model';
import { startBenchBackend, statusUrl } from '../src/backend';
import { readBenchCluster } from '../src/cluster';
import { call } from '../src/httpClient';
import { sampleMemory } from '../src/memory';

const i = process.argv.indexOf('--rounds');
const rounds = Number(i >= 0 ? process.argv[i + 1] : '3');
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/^.*load/, 'load');

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

async function heapOf(kind: keyof typeof CASES, expected: number) {
  const cluster = readBenchCluster();
  const backend = await startBenchBackend(cluster, cluster.server, {
    entities: [CASES[kind]],
    // Nodes listed after `before`, by both kinds alike, so that they cancel out.
    daemonset: { watchNodesFromStart: false },
  });
  try {
    const before = await sampleMemory();
    let last = '';
    const deadline = Date.now() + 300_000;
    for (;;) {
      const status = JSON.parse(
        (await call(statusUrl(backend.baseUrl, kind))).body,
      );
      const reports = status.clusters.flatMap((c: any) =>
        c.error ? [] : c.daemonSets,
      );
      const counts = JSON.stringify(
        reports.map((r: any) => [r.daemonSet.name, r.counts.ok]),
      );
      if (reports.length === expected && counts === last) break;
      if (Date.now() > deadline) throw new Error(`never settled: ${counts}`);
      last = counts;
      await new Promise(r => setTimeout(r, 2000));
    }
    const after = await sampleMemory();
    return { kind, heapMiB: mib(after.heapUsed - before.heapUsed), ok: last };
  } finally {
    await backend.stop();
  }
}

async function main() {
  const loadStart = load();
  const results: Array<{ kind: string; heapMiB: number; ok: string }> = [];
  for (let r = 0; r < rounds; r++) {
    for (const [kind, expected] of [
      ['one', 1],
      ['both', 2],
    ] as const) {
      const result = await heapOf(kind, expected);
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
      loadEnd: load(),
    }),
  );
  process.exit(0);
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
