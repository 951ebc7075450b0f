/**
 * `yarn workspace @daemonsets/bench bench:tabs`: many DaemonSets on one fleet, many tabs open
 * across them (each tab: a live channel and a status request loop), with API-server traffic
 * counted as the tabs grow; writes its table into docs/benchmarks.md.
 *
 * Options: `--nodes 5000` `--daemonsets 10` `--tabs 1,10,100` (in all, spread round robin over
 * the DaemonSets' entities) `--window 60` (seconds; second half with pod changes) `--interval 1000`
 * (ms between one tab's status requests) `--no-revalidate` (tabs do not send the version they have as
 * `If-None-Match`, unlike a browser's HTTP cache) `--change-gap 3000` (ms between pod changes) `--no-report` (the run is saved, docs/benchmarks.md left as it is)
 * `--after-answer` (each tab waits the interval after each answer, the model before
 * the eighth session: tabs fall in step after any slow moment) `--profile-quiet` (prints where the backend's thread spent the quiet half)
 * `--placement every|pools` (DaemonSets on every node, or on one small pool each: see
 * `placementOf`) `--keep-up` `--report-only`.
 */
import { benchEntity, startBenchBackend } from './backend';
import { upBenchCluster } from './benchUp';
import { clusterCli, Kube, readBenchCluster } from './cluster';
import {
  deleteByPrefix,
  ensureSet,
  placementOf,
  SetMember,
  waitSetSettled,
} from './daemonSetSet';
import { entityComplete } from './entityStatus';
import { tabsWindow } from './manyTabs';
import { arg, flag, loadAverage, logger } from './cli';
import { sampleMemory } from './memory';
import { CountingProxy } from './proxy';
import { saveRun, TabsRun } from './scenarioResults';
import { writeScenarioReport } from './scenarioReport';

const log = logger('tabs');
const load = () => loadAverage().replace(/^load average: /, '');

/** Name prefix of this scenario's DaemonSets (and entities). */
export const TABS_PREFIX = 'bench-tabs-';

/**
 * `daemonset.watchIdleTimeout` of the bench's backend. The views must close between windows
 * (each starts cold), but not while a window opens: a hundred tabs connecting to a backend that
 * builds ten first statuses lag its event loop by seconds, and with the bench backend's default
 * of 5 s views were evicted between two status requests and built again, every list and watch
 * sent twice (100 API requests instead of 62 at 100 tabs).
 */
const IDLE_TIMEOUT_S = 20;

async function run(): Promise<void> {
  const nodes = Number(arg('nodes', '5000'));
  const count = Number(arg('daemonsets', '10'));
  const tabCounts = arg('tabs', '1,10,100').split(',').map(Number);
  const windowMs = Number(arg('window', '60')) * 1000;
  const intervalMs = Number(arg('interval', '1000'));
  const changeGapMs = Number(arg('change-gap', '3000'));
  const placement = arg('placement', 'every');
  placementOf(placement, 0);
  const clusterUpSeconds = await upBenchCluster(nodes, log);
  const kube = new Kube(readBenchCluster());
  const members: SetMember[] = Array.from({ length: count }, (_, i) => ({
    name: `${TABS_PREFIX}${i}`,
    placement: placementOf(placement, i),
  }));
  await deleteByPrefix(kube, TABS_PREFIX, new Set(members.map(m => m.name)));
  await ensureSet(kube, members);
  const settled = await waitSetSettled(kube, members, 1_800_000, log);
  const proxy = await CountingProxy.start(readBenchCluster());
  const backend = await startBenchBackend(readBenchCluster(), proxy.url, {
    entities: members.map(m => benchEntity(m.name)),
    daemonset: { watchIdleTimeout: { seconds: IDLE_TIMEOUT_S } },
  });
  const result: TabsRun = {
    nodes,
    daemonSets: count,
    placement,
    date: new Date().toISOString(),
    command: `yarn workspace @daemonsets/bench bench:tabs ${process.argv
      .slice(2)
      .join(' ')}`.trim(),
    loadStart: load(),
    loadEnd: '',
    desiredPods: settled.desired,
    clusterUpSeconds,
    memoryBefore: await sampleMemory(),
    intervalMs,
    windows: [],
  };
  try {
    for (const tabs of tabCounts) {
      log(`window: ${tabs} tab(s) for ${windowMs / 1000} s`);
      const w = await tabsWindow({
        base: backend.baseUrl,
        kube,
        proxy,
        entities: members.map(m => m.name),
        tabs,
        windowMs,
        intervalMs,
        revalidate: !flag('no-revalidate'),
        profileQuiet: flag('profile-quiet'),
        afterAnswer: flag('after-answer'),
        changeGapMs,
        untilComplete: entity => entityComplete(backend.baseUrl, entity),
        load,
        log,
      });
      log(`  ${JSON.stringify(w)}`);
      result.windows.push(w);
      result.loadEnd = load();
      saveRun('tabs', result);
      // Pods re-created, views closed (idle timeout, then the sweep: every half timeout): the
      // next window starts cold.
      await waitSetSettled(kube, members, 600_000, log);
      await new Promise(r => setTimeout(r, IDLE_TIMEOUT_S * 1500 + 4000));
    }
  } finally {
    await backend.stop();
    await proxy.stop();
    // Left in etcd, their pods would load every later run of another scenario or size.
    if (!flag('keep-up')) await deleteByPrefix(kube, TABS_PREFIX, new Set());
    kube.close();
  }
}

async function main() {
  if (!flag('report-only')) await run();
  if (!flag('no-report')) {
    writeScenarioReport();
    log('wrote docs/benchmarks.md');
  }
  if (!flag('keep-up') && !flag('report-only')) await clusterCli(['down']);
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
