/**
 * `yarn workspace @daemonsets/bench bench:prewarm`: many DaemonSet entities opened at once on one
 * fleet (pre-warmed by `daemonset.prewarm.*`, or each opened once), their total heap; writes its
 * table into docs/benchmarks.md.
 *
 * Options: `--nodes 1000` `--entities 200` `--mode config|open` (`config`: `daemonset.prewarm`
 * enabled for all entities; `open`: one status request per entity, views kept 10 min)
 * `--placement pools|every` (`pools`: DaemonSet i on the gpu, accelerator or dedicated pool in
 * turn, ~5–10 % of the nodes each; `every`: on every node) `--keep-up` `--report-only`.
 */
import { benchEntity, startBenchBackend, statusUrl } from './backend';
import { upBenchCluster } from './benchUp';
import { clusterCli, Kube, readBenchCluster } from './cluster';
import {
  deleteByPrefix,
  ensureSet,
  placementOf,
  SetMember,
  waitSetSettled,
} from './daemonSetSet';
import { entityComplete, isCompleteStatus } from './entityStatus';
import { call } from './httpClient';
import { arg, flag, loadAverage, logger } from './cli';
import { sampleMemory } from './memory';
import { CountingProxy } from './proxy';
import { PrewarmRun, saveRun } from './scenarioResults';
import { writeScenarioReport } from './scenarioReport';
import { summarize } from './stats';

const log = logger('prewarm');
const load = () => loadAverage().replace(/^load average: /, '');

/** Name prefix of this scenario's DaemonSets (and entities). */
export const PREWARM_PREFIX = 'bench-prewarm-';

/**
 * Waits until the backend has made no API-server request for `quietMs` (pre-warm opens every
 * view at start-up, then only its watches stay); returns when the last request was seen.
 */
async function untilQuiet(
  proxy: CountingProxy,
  quietMs: number,
): Promise<number> {
  let seen = 0;
  let lastAt = Date.now();
  const giveUp = Date.now() + 120_000;
  for (;;) {
    await new Promise(r => setTimeout(r, 500));
    if (seen === 0 && Date.now() > giveUp)
      throw new Error(
        'no API-server request within 120 s of start-up: is daemonset.prewarm built and enabled?',
      );
    const n = proxy.reset().requests;
    if (n > 0) {
      seen += n;
      lastAt = Date.now();
    }
    if (seen > 0 && Date.now() - lastAt > quietMs) return lastAt;
  }
}

/** Runs `fn` over `items`, `limit` at a time. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  fn: (t: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function run(): Promise<void> {
  const nodes = Number(arg('nodes', '1000'));
  const count = Number(arg('entities', '200'));
  const mode = arg('mode', 'config') as PrewarmRun['mode'];
  const placement = arg('placement', 'pools');
  if (!['config', 'open'].includes(mode))
    throw new Error(`--mode must be config or open, got ${mode}`);
  placementOf(placement, 0);
  const clusterUpSeconds = await upBenchCluster(nodes, log);
  const kube = new Kube(readBenchCluster());
  const members: SetMember[] = Array.from({ length: count }, (_, i) => ({
    name: `${PREWARM_PREFIX}${String(i).padStart(3, '0')}`,
    placement: placementOf(placement, i),
  }));
  const names = members.map(m => m.name);
  await deleteByPrefix(kube, PREWARM_PREFIX, new Set(names));
  await ensureSet(kube, members);
  const settled = await waitSetSettled(kube, members, 1_800_000, log);
  const proxy = await CountingProxy.start(readBenchCluster());
  const loadStart = load();
  const baseline = await sampleMemory();
  const started = Date.now();
  const backend = await startBenchBackend(readBenchCluster(), proxy.url, {
    entities: names.map(benchEntity),
    daemonset:
      mode === 'config'
        ? { prewarm: { enabled: true, maxEntities: count } }
        : { watchIdleTimeout: { minutes: 10 } },
  });
  try {
    let warmedMs: number;
    let memoryBefore = baseline;
    if (mode === 'config') {
      log(
        'waiting for the pre-warm to finish (no API-server request for 10 s)',
      );
      warmedMs = (await untilQuiet(proxy, 10_000)) - started;
    } else {
      memoryBefore = await sampleMemory();
      const t0 = Date.now();
      await eachLimited(names, 10, e => entityComplete(backend.baseUrl, e));
      warmedMs = Date.now() - t0;
      // A complete answer can come before every cache of its views has listed; measure once settled.
      await untilQuiet(proxy, 10_000);
    }
    log(`warm after ${warmedMs} ms`);
    const memoryAfter = await sampleMemory();
    proxy.reset();
    const samples: number[] = [];
    let incomplete = 0;
    for (let round = 0; round < 2; round++) {
      for (const e of names) {
        const res = await call(statusUrl(backend.baseUrl, e));
        if (res.status === 200 && isCompleteStatus(res.body))
          samples.push(res.ms);
        else incomplete++;
      }
    }
    const requestsWhenWarm = proxy.reset().requests;
    if (incomplete)
      log(`${incomplete} answers were not complete (not counted)`);
    const result: PrewarmRun = {
      nodes,
      entities: count,
      mode,
      placement,
      date: new Date().toISOString(),
      command: `yarn workspace @daemonsets/bench bench:prewarm ${process.argv
        .slice(2)
        .join(' ')}`.trim(),
      loadStart,
      loadEnd: load(),
      desiredPods: settled.desired,
      clusterUpSeconds,
      memoryBefore,
      memoryAfter,
      warmedMs,
      requestsWhenWarm,
      warm: summarize(samples),
    };
    log(JSON.stringify(result));
    saveRun('prewarm', result);
  } finally {
    await backend.stop();
    await proxy.stop();
    // Left in etcd, their pods would load every later run of another scenario or size.
    if (!flag('keep-up')) await deleteByPrefix(kube, PREWARM_PREFIX, new Set());
    kube.close();
  }
}

async function main() {
  if (!flag('report-only')) await run();
  writeScenarioReport();
  log('wrote docs/benchmarks.md');
  if (!flag('keep-up') && !flag('report-only')) await clusterCli(['down']);
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
