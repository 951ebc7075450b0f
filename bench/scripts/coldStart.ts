/**
 * Cold first status, WatchList against LIST, side by side with the Kubernetes plugin and the
 * raw-LIST floor, on the bench cluster as `yarn bench --keep-up` left it (`bench-agent` rolled
 * out). Each round starts a fresh backend per mode (so every first request is cold), times the
 * first status request and the heap it adds once complete (after forced GC), then times one
 * cold Kubernetes plugin request and one floor call. Prints one JSON line per round and the
 * medians; appends them to `bench/.results/cold-<nodes>.json`.
 *
 *   cd bench && node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/coldStart.ts --rounds 5
 */
import { execSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBenchBackend } from '../src/backend';
import { Kube, readBenchCluster } from '../src/cluster';
import {
  floorCall,
  pluginCall,
  referenceCall,
  untilComplete,
} from '../src/latency';
import { sampleMemory } from '../src/memory';
import { CountingProxy } from '../src/proxy';
import { RESULTS_DIR } from '../src/results';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const load = () =>
  execSync('uptime')
    .toString()
    .trim()
    .replace(/^.*load/, 'load');

interface Round {
  mode: 'watchlist' | 'list';
  coldMs: number;
  complete: boolean;
  /** Until the first complete answer, when the cold one was not. */
  completeMs: number;
  heapMiB: number;
  referenceMs: number;
  floorMs: number;
}

async function round(
  mode: Round['mode'],
  cluster: ReturnType<typeof readBenchCluster>,
  proxy: CountingProxy,
  kube: Kube,
): Promise<Round> {
  const backend = await startBenchBackend(cluster, proxy.url, {
    watchList: mode === 'watchlist',
  });
  try {
    const before = await sampleMemory();
    const start = performance.now();
    const cold = await pluginCall(backend.baseUrl)();
    if (!cold.complete) await untilComplete(backend.baseUrl);
    const completeMs = performance.now() - start;
    const after = await sampleMemory();
    const reference = await referenceCall(backend.baseUrl)();
    const floor = await floorCall(kube)();
    return {
      mode,
      coldMs: cold.ms,
      complete: cold.complete !== false,
      completeMs,
      heapMiB: mib(after.heapUsed - before.heapUsed),
      referenceMs: reference.ms,
      floorMs: floor.ms,
    };
  } finally {
    await backend.stop();
  }
}

async function main() {
  const rounds = Number(arg('rounds', '5'));
  const cluster = readBenchCluster();
  const kube = new Kube(cluster);
  const nodes = (await kube.json('GET', '/api/v1/nodes?limit=1')) as any;
  const fleet =
    (nodes.metadata?.remainingItemCount ?? 0) + (nodes.items?.length ?? 0);
  const proxy = await CountingProxy.start(cluster);
  const loadStart = load();
  const results: Round[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      for (const mode of ['watchlist', 'list'] as const) {
        const r = await round(mode, cluster, proxy, kube);
        results.push(r);
        console.log(JSON.stringify({ nodes: fleet, ...r }));
      }
    }
  } finally {
    await proxy.stop();
    kube.close();
  }
  const summary = Object.fromEntries(
    (['watchlist', 'list'] as const).map(mode => {
      const of = results.filter(r => r.mode === mode);
      return [
        mode,
        {
          coldMs: median(of.map(r => r.coldMs)),
          completeMs: median(of.map(r => r.completeMs)),
          allComplete: of.every(r => r.complete),
          heapMiB: median(of.map(r => r.heapMiB)),
          referenceMs: median(of.map(r => r.referenceMs)),
          floorMs: median(of.map(r => r.floorMs)),
        },
      ];
    }),
  );
  const record = {
    nodes: fleet,
    date: new Date().toISOString(),
    rounds,
    loadStart,
    loadEnd: load(),
    summary,
    results,
  };
  writeFileSync(
    join(RESULTS_DIR, `cold-${fleet}.json`),
    `${JSON.stringify(record, null, 2)}\n`,
  );
  console.log(JSON.stringify({ ...record, results: undefined }, null, 2));
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
