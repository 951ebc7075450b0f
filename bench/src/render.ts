import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { REPO_ROOT } from './cluster';
import { RESULTS_DIR } from './results';
import { renderInputs, saveRender } from './renderResults';
import { summarize } from './stats';
import { loadAverage } from './cli';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ORIGIN = 'http://bench.local';

/** How {@link bundleRenderPage} builds the page. */
export interface RenderBundleOptions {
  /** The bundle file; `page.js` in the results folder by default. */
  out?: string;
  /**
   * Another copy of the plugin's package (a folder holding `src/index.ts`) to bundle in place of
   * the workspace's `@daemonsets/plugin-daemonset`, e.g. a snapshot of the code before a change.
   */
  pluginDir?: string;
  /** Minified as shipped (default); unminified keeps function names for CPU profiles. */
  minify?: boolean;
}

/** Bundles `bench/render/page.tsx` (the tab in a test app) with esbuild; returns the bundle path. */
export async function bundleRenderPage(
  options: RenderBundleOptions = {},
): Promise<string> {
  const out = options.out ?? join(RESULTS_DIR, 'page.js');
  // The repository's own esbuild (a dependency of the Backstage CLI), as the bench always used.
  const esbuild: typeof import('esbuild') = require(join(
    REPO_ROOT,
    'node_modules/esbuild',
  ));
  await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['bench/render/page.tsx'],
    bundle: true,
    minify: options.minify ?? true,
    format: 'iife',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    loader: { '.svg': 'dataurl', '.png': 'dataurl' },
    alias: options.pluginDir
      ? { '@daemonsets/plugin-daemonset': join(options.pluginDir, 'src') }
      : undefined,
    // A plugin copy outside the workspace still resolves its dependencies from the repository.
    nodePaths: [join(REPO_ROOT, 'node_modules')],
    logLevel: 'error',
    outfile: out,
  });
  return out;
}

/** Chromium as the render pass runs it. */
export function launchRenderBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** The label key of the grouped series (the local and bench fleets' node pools). */
export const RENDER_GROUP_BY = 'daemonsets.dev/pool';

const uptime = loadAverage;

/** `cold`: the tab mounted alone (then `warm`, again); `first-open`: clicked in an entity page. */
export type RenderMode = 'cold' | 'first-open';
/** What one page of the render bench reports, in ms. */
export interface RenderTimes {
  cold?: number;
  warm?: number;
  firstOpen?: number;
}

function series(cold: number[], warm: number[], firstOpen: number[]) {
  return {
    cold,
    warm,
    firstOpen,
    coldMedian: summarize(cold).p50,
    warmMedian: summarize(warm).p50,
    firstOpenMedian: summarize(firstOpen).p50,
  };
}

/**
 * Loads the bundled page (`script`) with a status answer (`status`, JSON text) in a fresh page of
 * `browser`, in `mode`, grouped by `group` when given, and returns what the page reports.
 */
export async function measureRender(
  browser: Browser,
  script: string,
  status: string,
  mode: RenderMode,
  group?: string,
  extra?: {
    /** More query parameters of the page, e.g. `profile`. */
    query?: Record<string, string>;
    /** Called with the page before it loads, e.g. to open a DevTools session on it. */
    onPage?: (page: Page) => Promise<void>;
  },
): Promise<RenderTimes> {
  const page = await browser.newPage({
    viewport: { width: 1400, height: 900 },
  });
  await extra?.onPage?.(page);
  await page.route(`${ORIGIN}/**`, route => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/page.js')
      return route.fulfill({
        body: script,
        contentType: 'text/javascript',
      });
    if (path === '/status.js')
      return route.fulfill({
        body: `window.__STATUS__=${status};`,
        contentType: 'text/javascript',
      });
    return route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html><body><div id="root"></div><script src="/status.js"></script><script src="/page.js"></script></body></html>',
    });
  });
  const query = new URLSearchParams();
  if (mode !== 'cold') query.set('mode', mode);
  if (group) query.set('group', group);
  for (const [k, v] of Object.entries(extra?.query ?? {})) query.set(k, v);
  try {
    await page.goto(`${ORIGIN}/${query.size ? `?${query}` : ''}`);
    const handle = await page.waitForFunction(
      () => (window as any).__RENDER_MS__,
      undefined,
      { timeout: 60_000 },
    );
    return (await handle.jsonValue()) as RenderTimes;
  } finally {
    await page.close();
  }
}

/**
 * Renders the tab in Chromium with each fleet's status answer (recorded by the bench, or else a
 * synthetic one: `bench/render/syntheticStatus.ts`), `runs` times, and stores the render times
 * (`render-<nodes>.json`). The JSON is parsed before the clock starts; the time runs until the
 * node rows are painted (production React build). Per run and per view (flat, then grouped by
 * {@link RENDER_GROUP_BY} through the tab's URL query), two fresh pages: one for a first mount of
 * the tab alone (`cold`, from the React render call) then a second mount in the same page
 * (`warm`), one for the first open of the tab in a running app (`firstOpen`: an entity page is
 * booted on its overview and painted, then the clock runs from the click on the DaemonSet tab).
 */
export async function renderAll(
  log: (m: string) => void,
  runs = 5,
): Promise<void> {
  const inputs = renderInputs();
  if (inputs.length === 0) return;
  const script = readFileSync(await bundleRenderPage(), 'utf8');
  const browser = await launchRenderBrowser();
  try {
    for (const input of inputs) {
      const status = readFileSync(input.path, 'utf8');
      const measure = (mode: RenderMode, group?: string) =>
        measureRender(browser, script, status, mode, group);
      const loadStart = uptime();
      const times = {
        flat: {
          cold: [] as number[],
          warm: [] as number[],
          open: [] as number[],
        },
        grouped: {
          cold: [] as number[],
          warm: [] as number[],
          open: [] as number[],
        },
      };
      // The views alternate within a run, so that both see the same machine load.
      for (let i = 0; i < runs; i++) {
        for (const view of ['flat', 'grouped'] as const) {
          const group = view === 'grouped' ? RENDER_GROUP_BY : undefined;
          const t = await measure('cold', group);
          times[view].cold.push(t.cold!);
          times[view].warm.push(t.warm!);
          times[view].open.push(
            (await measure('first-open', group)).firstOpen!,
          );
        }
      }
      const flat = series(times.flat.cold, times.flat.warm, times.flat.open);
      const grouped = series(
        times.grouped.cold,
        times.grouped.warm,
        times.grouped.open,
      );
      saveRender({
        nodes: input.nodes,
        date: new Date().toISOString(),
        loadStart,
        loadEnd: uptime(),
        source: input.source,
        flat,
        grouped,
        groupBy: RENDER_GROUP_BY,
      });
      const list = (ts: number[]) => ts.map(t => t.toFixed(0)).join(',');
      for (const [name, s] of [
        ['flat', flat],
        ['grouped', grouped],
      ] as const) {
        log(
          `render ${input.nodes} nodes (${input.source}), ${name}: cold ${list(
            s.cold,
          )} / first open ${list(s.firstOpen)} / warm ${list(s.warm)} ms`,
        );
      }
    }
  } finally {
    await browser.close();
  }
}
