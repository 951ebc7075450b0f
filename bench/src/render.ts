import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { REPO_ROOT } from './cluster';
import {
  loadFleets,
  recordedStatusPath,
  RESULTS_DIR,
  saveFleet,
} from './results';
import { summarize } from './stats';

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

/** Bundles `bench/render/page.tsx` (the tab in a test app) with esbuild; returns the bundle path. */
function bundle(): string {
  const out = join(RESULTS_DIR, 'page.js');
  execFileSync(
    join(REPO_ROOT, 'node_modules/.bin/esbuild'),
    [
      'bench/render/page.tsx',
      '--bundle',
      '--minify',
      '--format=iife',
      '--jsx=automatic',
      '--define:process.env.NODE_ENV="production"',
      '--define:global=window',
      '--loader:.svg=dataurl',
      '--loader:.png=dataurl',
      '--log-level=error',
      `--outfile=${out}`,
    ],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  return out;
}

/**
 * Renders the tab in Chromium with each fleet's recorded status answer, `runs` times, and stores
 * the render times. The JSON is parsed before the clock starts; the time runs until the node rows
 * are painted (production React build). Per run, two fresh pages: one for a first mount of the tab
 * alone (`cold`, from the React render call) then a second mount in the same page (`warm`), one
 * for the first open of the tab in a running app (`firstOpen`: an entity page is booted on its
 * overview and painted, then the clock runs from the click on the DaemonSet tab).
 */
export async function renderAll(
  log: (m: string) => void,
  runs = 5,
): Promise<void> {
  const fleets = loadFleets().filter(f =>
    existsSync(recordedStatusPath(f.nodes)),
  );
  if (fleets.length === 0) return;
  const script = readFileSync(bundle(), 'utf8');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ARGS,
  });
  try {
    for (const fleet of fleets) {
      const status = readFileSync(recordedStatusPath(fleet.nodes), 'utf8');
      const cold: number[] = [];
      const warm: number[] = [];
      const firstOpen: number[] = [];
      const measure = async (mode: 'cold' | 'first-open') => {
        const page = await browser.newPage({
          viewport: { width: 1400, height: 900 },
        });
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
        try {
          await page.goto(
            `${ORIGIN}/${mode === 'cold' ? '' : `?mode=${mode}`}`,
          );
          const handle = await page.waitForFunction(
            () => (window as any).__RENDER_MS__,
            undefined,
            { timeout: 60_000 },
          );
          return (await handle.jsonValue()) as {
            cold?: number;
            warm?: number;
            firstOpen?: number;
          };
        } finally {
          await page.close();
        }
      };
      for (let i = 0; i < runs; i++) {
        const t = await measure('cold');
        cold.push(t.cold!);
        warm.push(t.warm!);
        firstOpen.push((await measure('first-open')).firstOpen!);
      }
      // Re-read: another bench run may have saved this fleet's other figures meanwhile.
      const latest = loadFleets().find(f => f.nodes === fleet.nodes) ?? fleet;
      latest.render = {
        cold,
        warm,
        coldMedian: summarize(cold).p50,
        warmMedian: summarize(warm).p50,
        firstOpen,
        firstOpenMedian: summarize(firstOpen).p50,
      };
      saveFleet(latest);
      const list = (ts: number[]) => ts.map(t => t.toFixed(0)).join(',');
      log(
        `render ${fleet.nodes} nodes: cold ${list(cold)} / first open ${list(
          firstOpen,
        )} / warm ${list(warm)} ms`,
      );
    }
  } finally {
    await browser.close();
  }
}
