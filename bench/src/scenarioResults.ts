import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TabsWindowResult } from './manyTabs';
import { MemorySample } from './memory';
import { RESULTS_DIR } from './results';

/** Common head of a scenario run at one fleet size. */
interface RunHead {
  nodes: number;
  date: string;
  command: string;
  /** `uptime` load averages when the measurements started and ended. */
  loadStart: string;
  loadEnd: string;
  /** Pods the DaemonSets want in all (desired, summed). */
  desiredPods: number;
  /** Seconds `cluster up` took (0 when the fleet was already up). */
  clusterUpSeconds?: number;
  /** Heap and RSS after forced GC with the backend started and no view open. */
  memoryBefore: MemorySample;
}

/** `bench:tabs`: many DaemonSets, many tabs. */
export interface TabsRun extends RunHead {
  daemonSets: number;
  /** `every` node or one small `pools` each (see `placementOf`). */
  placement?: string;
  /** Pause between one tab's status requests. */
  intervalMs: number;
  windows: TabsWindowResult[];
}

/** `bench:prewarm`: many entities opened at start-up (or once each). */
export interface PrewarmRun extends RunHead {
  entities: number;
  /** `config`: `daemonset.prewarm.*`; `open`: one status request per entity. */
  mode: 'config' | 'open';
  /** How the DaemonSets are placed (see the docs). */
  placement: string;
  /** From the backend's start (or the first request) until every entity answered completely. */
  warmedMs: number;
  /** Heap and RSS after forced GC once every entity is warm. */
  memoryAfter: MemorySample;
  /** API-server requests made by the backend while one status request per entity was answered, once warm. */
  requestsWhenWarm: number;
  /** Warm status latency over every entity, round robin. */
  warm: { n: number; p50: number; p99: number; max: number };
}

/** `tabs-<nodes>.json`; `prewarm-<nodes>-<mode>.json` (both modes of one size are kept). */
const file = (run: RunHead & { mode?: string }, kind: 'tabs' | 'prewarm') =>
  join(
    RESULTS_DIR,
    `${kind}-${run.nodes}${kind === 'prewarm' ? `-${run.mode}` : ''}.json`,
  );

/** Saves one run (replacing the earlier run of that scenario and fleet size). */
export function saveRun(kind: 'tabs', run: TabsRun): void;
export function saveRun(kind: 'prewarm', run: PrewarmRun): void;
export function saveRun(kind: 'tabs' | 'prewarm', run: RunHead): void {
  writeFileSync(file(run, kind), `${JSON.stringify(run, null, 2)}\n`);
}

/** Every saved run of a scenario, smallest fleet first. */
export function loadRuns(kind: 'tabs'): TabsRun[];
export function loadRuns(kind: 'prewarm'): PrewarmRun[];
export function loadRuns(kind: 'tabs' | 'prewarm'): RunHead[] {
  const pattern = new RegExp(`^${kind}-\\d+(-[a-z]+)?\\.json$`);
  let names: string[] = [];
  try {
    names = readdirSync(RESULTS_DIR).filter(f => pattern.test(f));
  } catch {
    return [];
  }
  return names
    .map(f => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')))
    .sort((a, b) => a.nodes - b.nodes);
}
