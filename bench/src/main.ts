/**
 * `yarn bench`: this plugin vs. Backstage's Kubernetes plugin vs. raw API-server lists, on the
 * bench cluster (`.cluster-bench/`, ports +1000), for each fleet size; writes docs/benchmarks.md.
 *
 * Options: `--nodes 100,1000,5000` `--tabs 1,10,100` `--window 60` (seconds) `--warm 200`
 * `--changes 10` `--scenarios rollout,churn,quiet` `--skip-traffic` `--render-only` `--report-only`
 * `--keep-up` (leave the bench cluster running) `--list-mode list|watchlist` (how this plugin reads
 * collections: `daemonset.watchList`, default list as the product's). Traffic windows not repeated by a run are kept from the last one.
 */
import { writeFileSync } from 'node:fs';
import { startBenchBackend, statusUrl } from './backend';
import { upBenchCluster } from './benchUp';
import { clusterCli, Kube, readBenchCluster } from './cluster';
import { call } from './httpClient';
import {
  floorCall,
  LatencyResult,
  pluginCall,
  untilComplete,
  referenceCall,
  TimedCall,
  warmLatency,
} from './latency';
import { liveUpdateLatency } from './liveUpdate';
import { arg, flag, loadAverage, logger } from './cli';
import { sampleMemory } from './memory';
import { CountingProxy } from './proxy';
import { renderAll } from './render';
import { writeReport } from './report';
import { FleetResult, recordedStatusPath, saveFleet } from './results';
import {
  pluginTraffic,
  referenceTraffic,
  Scenario,
  SCENARIOS,
  settle,
} from './traffic';
import {
  BENCH_APP,
  deleteDaemonSet,
  ensureDaemonSet,
  SECOND_APP,
  waitRolledOut,
} from './workload';

const list = (name: string, fallback: string) =>
  arg(name, fallback).split(',').map(Number);

const log = logger('bench');
const load = loadAverage;

async function latencyOf(
  cold: TimedCall,
  warmCount: number,
  budgetMs: number,
  beforeWarm: () => Promise<void> = async () => {},
): Promise<LatencyResult> {
  const first = await cold();
  await beforeWarm();
  const warm = await warmLatency(cold, warmCount, budgetMs);
  return {
    coldMs: first.ms,
    coldComplete: first.complete,
    warm: warm.summary,
    answerBytes: warm.bytes,
  };
}

async function benchFleet(nodes: number): Promise<FleetResult> {
  log(`fleet ${nodes}: cluster up`);
  await upBenchCluster(nodes, log);
  const cluster = readBenchCluster();
  const kube = new Kube(cluster);
  await ensureDaemonSet(kube);
  const counts = await waitRolledOut(kube, 900_000, log);
  const loadStart = load();
  const proxy = await CountingProxy.start(cluster);
  // Nodes and pods read on demand, as before `watchNodesFromStart` and
  // `watchDaemonSetPodsFromStart`: the heap figure then holds everything the first DaemonSet
  // needs, nodes included, and the cold figure compares with earlier runs (`scripts/coldStart.ts`
  // measures the default, both watched from start-up).
  const backend = await startBenchBackend(cluster, proxy.url, {
    watchList: arg('list-mode', 'list') === 'watchlist',
    daemonset: {
      watchNodesFromStart: false,
      watchDaemonSetPodsFromStart: false,
    },
  });
  const warmCount = Number(arg('warm', '200'));
  const budgetMs = 60_000;
  try {
    const before = await sampleMemory();
    log('cold + warm latency: plugin');
    const plugin = await latencyOf(
      pluginCall(backend.baseUrl),
      warmCount,
      budgetMs,
      () => untilComplete(backend.baseUrl),
    );
    const after = await sampleMemory();
    writeFileSync(
      recordedStatusPath(nodes),
      (await call(statusUrl(backend.baseUrl))).body,
    );
    log('cold + warm latency: reference');
    const reference = await latencyOf(
      referenceCall(backend.baseUrl),
      warmCount,
      budgetMs,
    );
    log('cold + warm latency: floor');
    const floor = await latencyOf(floorCall(kube), warmCount, budgetMs);
    log('live update latency');
    // A failed live measurement is logged and left out; the other figures still count.
    const live = await liveUpdateLatency(
      backend.baseUrl,
      kube,
      Number(arg('changes', '10')),
    ).catch(e => {
      log(`live update latency failed: ${e}`);
      return undefined;
    });
    const traffic: FleetResult['traffic'] = [];
    const result: FleetResult = {
      nodes,
      date: new Date().toISOString(),
      loadStart,
      loadEnd: load(),
      command: `yarn bench ${process.argv.slice(2).join(' ')}`.trim(),
      desiredPods: counts.desired,
      latency: { plugin, reference, floor },
      memory: { before, after },
      live,
      traffic: [],
    };
    /** Saves what is measured so far, so an interrupted run still leaves its figures. */
    const checkpoint = () => {
      result.loadEnd = load();
      saveFleet({ ...result, traffic: [...traffic] });
    };
    checkpoint();
    log(
      `fleet ${nodes}: ${JSON.stringify({
        latency: result.latency,
        live,
        memory: result.memory,
      })}`,
    );
    await settle(proxy, kube, log);
    if (!flag('skip-second-daemonset')) {
      result.secondDaemonSet = await secondDaemonSetMemory(
        backend.baseUrl,
        kube,
      );
      checkpoint();
      log(`second DaemonSet: ${JSON.stringify(result.secondDaemonSet)}`);
      await settle(proxy, kube, log);
    }
    if (!flag('skip-traffic')) {
      const windowMs = Number(arg('window', '60')) * 1000;
      const run = Date.now().toString(36); // a new image on every window, across runs too
      let image = 0;
      const nextImage = () => `example.com/agent:${run}-${++image}`;
      for (const scenario of arg('scenarios', SCENARIOS.join(',')).split(
        ',',
      ) as Scenario[]) {
        if (!SCENARIOS.includes(scenario))
          throw new Error(
            `--scenarios: unknown scenario ${scenario} (${SCENARIOS.join(
              ', ',
            )})`,
          );
        for (const tabs of list('tabs', '1,10,100')) {
          const img = () => (scenario === 'rollout' ? nextImage() : undefined);
          for (const [system, measure] of [
            ['plugin', pluginTraffic],
            ['reference', referenceTraffic],
          ] as const) {
            log(`traffic (${scenario}): ${system}, ${tabs} tab(s)`);
            const t = await measure(backend.baseUrl, {
              proxy,
              kube,
              tabs,
              windowMs,
              scenario,
              image: img(),
            });
            traffic.push({ system, ...t });
            checkpoint();
            log(`  ${JSON.stringify(t)}`);
            await settle(proxy, kube, log);
          }
        }
      }
    }
    checkpoint();
    return { ...result, traffic };
  } finally {
    await backend.stop();
    await proxy.stop();
    kube.close();
  }
}

/**
 * Memory of one more watched DaemonSet: a second DaemonSet of the entity on every node, status
 * read until it shows both fully rolled out, memory sampled before and after; then deleted.
 */
async function secondDaemonSetMemory(
  base: string,
  kube: Kube,
): Promise<NonNullable<FleetResult['secondDaemonSet']>> {
  const reported = async () => {
    const status = JSON.parse((await call(statusUrl(base))).body);
    return status.clusters.flatMap((c: any) => c.daemonSets);
  };
  const first = (await reported()).find(
    (r: any) => r.daemonSet.name === BENCH_APP,
  );
  const before = await sampleMemory();
  await ensureDaemonSet(kube, SECOND_APP);
  try {
    await waitRolledOut(kube, 900_000, log, SECOND_APP);
    // As many pods ok as the first DaemonSet: a slow controller can look settled for 5 s with
    // only a part of the pods created (seen under load), which measured a fraction of the cost.
    const target = first?.counts.ok ?? 1;
    for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
      const second = (await reported()).find(
        (r: any) => r.daemonSet.name === SECOND_APP,
      );
      if (second && second.counts.ok >= target) break;
      await new Promise(r => setTimeout(r, 1000));
    }
    return { before, after: await sampleMemory() };
  } finally {
    await deleteDaemonSet(kube, SECOND_APP);
  }
}

async function main() {
  if (flag('report-only')) {
    writeReport();
    log('wrote docs/benchmarks.md');
    return;
  }
  if (!flag('render-only')) {
    for (const nodes of list('nodes', '100,1000,5000')) await benchFleet(nodes);
  }
  await renderAll(log);
  writeReport();
  log('wrote docs/benchmarks.md');
  if (!flag('keep-up')) await clusterCli(['down']);
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
