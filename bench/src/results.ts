import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cluster';
import { LatencyResult } from './latency';
import { MemorySample } from './memory';
import { Summary } from './stats';
import { TrafficResult } from './traffic';

/** Where raw results go (git-ignored), one JSON per fleet size, plus recorded status answers. */
export const RESULTS_DIR = join(REPO_ROOT, 'bench', '.results');
mkdirSync(RESULTS_DIR, { recursive: true });

/** Everything measured at one fleet size. */
export interface FleetResult {
  nodes: number;
  date: string;
  /** `uptime` load averages when the fleet's measurements started and ended. */
  loadStart: string;
  loadEnd: string;
  command: string;
  desiredPods: number;
  latency: {
    plugin: LatencyResult;
    reference: LatencyResult;
    floor: LatencyResult;
  };
  memory: { before: MemorySample; after: MemorySample };
  /**
   * Memory before and after a second DaemonSet of the entity on the same fleet is watched and
   * reported: the cost of one more DaemonSet (its pods, revisions and rows; the node cache is
   * shared). Absent when not measured.
   */
  secondDaemonSet?: { before: MemorySample; after: MemorySample };
  live?: Summary;
  traffic: Array<
    TrafficResult & {
      system: 'plugin' | 'reference';
      /** Why a window is special (added by hand when a window was re-labelled or recovered). */
      note?: string;
      /** The window never finished; no figures. */
      incomplete?: boolean;
    }
  >;
  /** Filled in by the render phase. */
  render?: {
    /** First mount in a fresh page (test-app boot and JIT included), ms per run. */
    cold: number[];
    /** Second mount in the same page (the tab's code and styles already run once), ms per run. */
    warm: number[];
    coldMedian: number;
    warmMedian: number;
    /**
     * First open of the tab in a running app: an entity page (overview of ordinary Backstage/MUI
     * components) booted and painted, then the tab clicked; ms per run. Absent in older results.
     */
    firstOpen?: number[];
    firstOpenMedian?: number;
  };
}

/** Saves one fleet's results. */
export function saveFleet(result: FleetResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  // Traffic windows of an earlier run that this run did not repeat are kept.
  const previous = loadFleets().find(f => f.nodes === result.nodes);
  const key = (t: FleetResult['traffic'][number]) =>
    `${t.system}/${t.tabs}/${t.scenario ?? 'rollout'}`;
  const fresh = new Set(result.traffic.map(key));
  for (const t of previous?.traffic ?? []) {
    if (!fresh.has(key(t))) result.traffic.push(t);
  }
  writeFileSync(
    join(RESULTS_DIR, `fleet-${result.nodes}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
}

/** All saved fleet results, smallest fleet first. */
export function loadFleets(): FleetResult[] {
  let files: string[] = [];
  try {
    files = readdirSync(RESULTS_DIR).filter(f => /^fleet-\d+\.json$/.test(f));
  } catch {
    return [];
  }
  return files
    .map(f => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')))
    .sort((a, b) => a.nodes - b.nodes);
}

/** Path of the recorded status answer for a fleet size (input of the render phase). */
export function recordedStatusPath(nodes: number): string {
  return join(RESULTS_DIR, `status-${nodes}.json`);
}
