/**
 * Cold first status, WatchList against LIST, side by side with the Kubernetes plugin and the
 * raw-LIST floor, on the bench cluster as `yarn bench --keep-up` left it (`bench-agent` rolled
 * out). Every figure is the first request of a fresh backend (started in this process):
 *
 * - `coldMs`: right after start, as configured by default (the nodes and every DaemonSet pod
 *   are watched from start-up, `daemonset.watchNodesFromStart` and
 *   `watchDaemonSetPodsFromStart`), so their lists may still be in flight;
 * - `firstOpenMs`: on a backend that has run for `--settle` seconds (default 3): the first open
 *   of an entity nobody looked at since the backend started, the common cold case;
 * - `firstOpenPodsOnDemandMs`: the same with `watchDaemonSetPodsFromStart: false` (nodes held,
 *   the entity lists its pods: the behaviour before it);
 * - `nodesOnDemandMs`: right after start with both false (nothing held): the whole answer's
 *   lists after the request; `heapMiB` is the heap this request adds once complete (after forced
 *   GC), nodes included;
 * - `referenceMs` / `referenceSettledMs`: the Kubernetes plugin's first request on a backend of
 *   its own, right after start / after `--settle` seconds;
 * - `floorMs`: the raw LISTs the answer needs, in parallel.
 *
 * Modes (`--modes`, default all five): `watchlist` and `list` read the trimmed kinds in protobuf
 * (`daemonset.protobuf`, the default), lists uncompressed (`daemonset.listCompression: auto`, the
 * default, on the bench's loopback); `list-gzip` the same asking for gzip; `watchlist-json` and
 * `list-json` in JSON. `--quick` measures only `coldMs`, `referenceMs` and `floorMs`.
 *
 * Each backend runs in a fresh Node process, as after a portal's restart (nothing compiled yet;
 * `--node-options '…'` passes Node options to it), and talks to the API server directly, as the
 * floor does. Before the eleventh session every backend ran in this process (`--in-process`), so
 * that each after the first ran code V8 had optimized for the previous ones, and through the
 * counting proxy (`--proxy`), which re-encrypted every byte on their event loop.
 *
 * Prints one JSON line per round and the medians; writes them to
 * `bench/.results/cold-<nodes>.json`.
 *
 *   cd bench && node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/coldStart.ts --rounds 5
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchBackend, startBenchBackend } from '../src/backend';
import { Kube, readBenchCluster } from '../src/cluster';
import {
  floorCall,
  pluginCall,
  referenceCall,
  untilComplete,
} from '../src/latency';
import { startBenchBackendProcess } from '../src/backendProcess';
import { MemorySample, mib, sampleMemory } from '../src/memory';
import { CountingProxy } from '../src/proxy';
import { RESULTS_DIR } from '../src/results';
import { arg, flag, loadAverage, runMain } from '../src/cli';
import { median } from '../src/stats';

const MODES = [
  'watchlist',
  'list',
  'list-gzip',
  'watchlist-json',
  'list-json',
] as const;
type Mode = (typeof MODES)[number];

interface Round {
  mode: Mode;
  coldMs: number;
  complete: boolean;
  /** Until the first complete answer, when the cold one was not. */
  completeMs: number;
  firstOpenMs: number;
  firstOpenPodsOnDemandMs: number;
  nodesOnDemandMs: number;
  heapMiB: number;
  referenceMs: number;
  referenceSettledMs: number;
  floorMs: number;
}

interface Setup {
  cluster: ReturnType<typeof readBenchCluster>;
  /** The API server URL the backends are given: the cluster's own, or the counting proxy's. */
  apiUrl: string;
  settleMs: number;
  quick: boolean;
  /** Every backend in the bench's own process (`--in-process`), as before the eleventh session. */
  inProcess: boolean;
  /** Node options of the backends' processes (`--node-options '--max-semi-space-size=32'`). */
  nodeOptions: string[];
}

async function withBackend<T>(
  setup: Setup,
  options: {
    watchList: boolean;
    protobuf: boolean;
    listCompression: string;
    nodesFromStart: boolean;
    podsFromStart?: boolean;
    settle: boolean;
  },
  fn: (
    backend: BenchBackend & { memory(): Promise<MemorySample> },
  ) => Promise<T>,
): Promise<T> {
  const backendOptions = {
    watchList: options.watchList,
    daemonset: {
      protobuf: options.protobuf,
      listCompression: options.listCompression,
      watchNodesFromStart: options.nodesFromStart,
      watchDaemonSetPodsFromStart:
        options.podsFromStart ?? options.nodesFromStart,
    },
  };
  const backend = setup.inProcess
    ? {
        ...(await startBenchBackend(
          setup.cluster,
          setup.apiUrl,
          backendOptions,
        )),
        memory: sampleMemory,
      }
    : await startBenchBackendProcess(
        setup.apiUrl,
        backendOptions,
        setup.nodeOptions,
      );
  try {
    if (options.settle) await sleep(setup.settleMs);
    return await fn(backend);
  } finally {
    await backend.stop();
  }
}

async function round(mode: Mode, setup: Setup, kube: Kube): Promise<Round> {
  const read = {
    watchList: mode.startsWith('watchlist'),
    protobuf: !mode.endsWith('-json'),
    listCompression: mode.endsWith('-gzip') ? 'gzip' : 'auto',
  };
  const cold = await withBackend(
    setup,
    { ...read, nodesFromStart: true, settle: false },
    async backend => {
      const start = performance.now();
      const first = await pluginCall(backend.baseUrl)();
      if (!first.complete) await untilComplete(backend.baseUrl);
      return { ...first, completeMs: performance.now() - start };
    },
  );
  // `--quick`: only right after start, the plugin at start and the floor (the rest NaN).
  const unlessQuick = <T>(measure: () => Promise<T>) =>
    setup.quick ? Promise.resolve(undefined) : measure();
  const firstOpen = await unlessQuick(() =>
    withBackend(
      setup,
      { ...read, nodesFromStart: true, settle: true },
      async backend => pluginCall(backend.baseUrl)(),
    ),
  );
  const podsOnDemand = await unlessQuick(() =>
    withBackend(
      setup,
      { ...read, nodesFromStart: true, podsFromStart: false, settle: true },
      async backend => pluginCall(backend.baseUrl)(),
    ),
  );
  const onDemand = await unlessQuick(() =>
    withBackend(
      setup,
      { ...read, nodesFromStart: false, settle: false },
      async backend => {
        const before = await backend.memory();
        const first = await pluginCall(backend.baseUrl)();
        if (!first.complete) await untilComplete(backend.baseUrl);
        const after = await backend.memory();
        return {
          ms: first.ms,
          heapMiB: mib(after.heapUsed - before.heapUsed),
        };
      },
    ),
  );
  const reference = await withBackend(
    setup,
    { ...read, nodesFromStart: false, settle: false },
    async backend => referenceCall(backend.baseUrl)(),
  );
  const referenceSettled = await unlessQuick(() =>
    withBackend(
      setup,
      { ...read, nodesFromStart: false, settle: true },
      async backend => referenceCall(backend.baseUrl)(),
    ),
  );
  const floor = await floorCall(kube)();
  return {
    mode,
    coldMs: cold.ms,
    complete: cold.complete !== false,
    completeMs: cold.completeMs,
    firstOpenMs: firstOpen?.ms ?? NaN,
    firstOpenPodsOnDemandMs: podsOnDemand?.ms ?? NaN,
    nodesOnDemandMs: onDemand?.ms ?? NaN,
    heapMiB: onDemand?.heapMiB ?? NaN,
    referenceMs: reference.ms,
    referenceSettledMs: referenceSettled?.ms ?? NaN,
    floorMs: floor.ms,
  };
}

async function main() {
  const rounds = Number(arg('rounds', '5'));
  const cluster = readBenchCluster();
  const kube = new Kube(cluster);
  const nodes = (await kube.json('GET', '/api/v1/nodes?limit=1')) as any;
  const fleet =
    (nodes.metadata?.remainingItemCount ?? 0) + (nodes.items?.length ?? 0);
  // Earlier sessions' figures went through the counting proxy (`--proxy`): an HTTPS pass-through
  // in this process, which decrypts and re-encrypts every byte on the backends' event loop.
  const proxy = flag('proxy') ? await CountingProxy.start(cluster) : undefined;
  const setup: Setup = {
    cluster,
    apiUrl: proxy?.url ?? cluster.server,
    settleMs: Number(arg('settle', '3')) * 1000,
    quick: flag('quick'),
    inProcess: flag('in-process'),
    nodeOptions: arg('node-options', '').split(' ').filter(Boolean),
  };
  const modes = arg('modes', MODES.join(','))
    .split(',')
    .map(mode => {
      if (!(MODES as readonly string[]).includes(mode)) {
        throw new Error(`--modes: ${mode} is not one of ${MODES.join(', ')}`);
      }
      return mode as Mode;
    });
  const loadStart = loadAverage();
  const results: Round[] = [];
  try {
    for (let i = 0; i < rounds; i++) {
      for (const mode of modes) {
        const r = await round(mode, setup, kube);
        results.push(r);
        console.log(JSON.stringify({ nodes: fleet, ...r }));
      }
    }
  } finally {
    await proxy?.stop();
    kube.close();
  }
  const summary = Object.fromEntries(
    modes.map(mode => {
      const of = results.filter(r => r.mode === mode);
      return [
        mode,
        {
          coldMs: median(of.map(r => r.coldMs)),
          completeMs: median(of.map(r => r.completeMs)),
          allComplete: of.every(r => r.complete),
          firstOpenMs: median(of.map(r => r.firstOpenMs)),
          firstOpenPodsOnDemandMs: median(
            of.map(r => r.firstOpenPodsOnDemandMs),
          ),
          nodesOnDemandMs: median(of.map(r => r.nodesOnDemandMs)),
          heapMiB: median(of.map(r => r.heapMiB)),
          referenceMs: median(of.map(r => r.referenceMs)),
          referenceSettledMs: median(of.map(r => r.referenceSettledMs)),
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
    loadEnd: loadAverage(),
    summary,
    results,
  };
  writeFileSync(
    join(RESULTS_DIR, `cold-${fleet}.json`),
    `${JSON.stringify(record, null, 2)}\n`,
  );
  console.log(JSON.stringify({ ...record, results: undefined }, null, 2));
}

runMain(main);
