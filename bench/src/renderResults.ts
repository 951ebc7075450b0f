import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordedStatusPath, RESULTS_DIR } from './results';

/** Render times of one view of the tab, ms per run, and their medians. */
export interface RenderSeries {
  /** First mount of the tab alone in a fresh page (test-app boot and JIT included). */
  cold: number[];
  /** Second mount in the same page. */
  warm: number[];
  /** First open of the tab from a booted entity page (the click on its tab link). */
  firstOpen: number[];
  coldMedian: number;
  warmMedian: number;
  firstOpenMedian: number;
}

/** One render pass over one fleet size's status answer. */
export interface RenderResult {
  nodes: number;
  date: string;
  /** `uptime` load averages when the pass over this answer started and ended. */
  loadStart: string;
  loadEnd: string;
  /** `recorded`: the bench backend's answer on the bench cluster; `synthetic`: see below. */
  source: 'recorded' | 'synthetic';
  /** The tab as it opens by default (one map, one flat table). */
  flat: RenderSeries;
  /** The tab opened grouped by {@link RenderResult.groupBy} (a map and a table section per group). */
  grouped: RenderSeries;
  groupBy: string;
}

/**
 * Path of a synthetic status answer (`bench/render/syntheticStatus.ts`): the status model run on
 * a generated fleet, for render passes at sizes whose bench cluster was not run. A recorded answer
 * of the same size is preferred.
 */
export function syntheticStatusPath(nodes: number): string {
  return join(RESULTS_DIR, `status-synthetic-${nodes}.json`);
}

/** The status answers a render pass can use, smallest fleet first; recorded before synthetic. */
export function renderInputs(): Array<{
  nodes: number;
  path: string;
  source: RenderResult['source'];
}> {
  const sizes = new Set<number>();
  for (const f of readdirSync(RESULTS_DIR)) {
    const m = /^status-(?:synthetic-)?(\d+)\.json$/.exec(f);
    if (m) sizes.add(Number(m[1]));
  }
  return [...sizes]
    .sort((a, b) => a - b)
    .map(nodes =>
      existsSync(recordedStatusPath(nodes))
        ? { nodes, path: recordedStatusPath(nodes), source: 'recorded' }
        : { nodes, path: syntheticStatusPath(nodes), source: 'synthetic' },
    );
}

/** Saves one render pass (replacing the last one of that size). */
export function saveRender(result: RenderResult): void {
  writeFileSync(
    join(RESULTS_DIR, `render-${result.nodes}.json`),
    `${JSON.stringify(result, null, 2)}\n`,
  );
}

/** All saved render passes, smallest fleet first. */
export function loadRenders(): RenderResult[] {
  return readdirSync(RESULTS_DIR)
    .filter(f => /^render-\d+\.json$/.test(f))
    .map(f => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')))
    .sort((a, b) => a.nodes - b.nodes);
}
