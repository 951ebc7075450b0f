/**
 * Side by side render figures of two builds of the tab, for a change to its code: `base` (a copy
 * of the plugin package from before the change, default `bench/.results/base-daemonset`, made with
 * `cp -r plugins/daemonset/{package.json,src} bench/.results/base-daemonset/`) and `new` (the
 * workspace), alternating page by page so that both meet the same machine load. Prints the
 * medians; writes nothing but the bundles (`bench/.results/compare-*.js`). `--profile` instead
 * prints where the first open's CPU time goes in the workspace build (self time per function).
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs render/compare.ts \
 *     --nodes 5000 --runs 5 [--base DIR] [--new DIR] [--views flat,grouped] [--modes first-open,cold]
 *     [--cpu] [--profile | --trace | --sheets]
 *
 * `--sheets` lists the style sheets the first open injects (JSS `data-meta` name, CSS length): each
 * costs JSS processing and a CSS parse in the measured time.
 *
 * `--trace --keep-trace` also writes the trace to `bench/.results/compare-trace-first.json` (for
 * Chromium's DevTools Performance panel: per event, the elements styled and objects laid out).
 *
 * `--cpu` adds the first open's main-thread CPU time (from a Chromium trace of each first open):
 * steadier than wall time on a loaded machine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { join, resolve } from 'node:path';
import {
  bundleRenderPage,
  launchRenderBrowser,
  measureRender,
  RENDER_GROUP_BY,
  RenderMode,
  RenderTimes,
} from '../src/render';
import { RESULTS_DIR } from '../src/results';
import { renderInputs } from '../src/renderResults';
import { summarize } from '../src/stats';
import { arg, flag, loadAverage, logger } from '../src/cli';
import {
  mainThreadCpu,
  printProfile,
  printTrace,
  ProfileNode,
} from './profileSummary';

const log = logger('render-compare');

async function profile(status: string, group?: string) {
  const script = readFileSync(
    await bundleRenderPage({
      out: join(RESULTS_DIR, 'compare-profile.js'),
      minify: false,
    }),
    'utf8',
  );
  let nodes: ProfileNode[] | undefined;
  let samples: { samples: number[]; timeDeltas: number[] } | undefined;
  await firstOpenOnce(
    script,
    status,
    group,
    () => ({
      query: { profile: '1' },
      onPage: async page => {
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        cdp.on('Profiler.consoleProfileFinished', e => {
          nodes = e.profile.nodes as ProfileNode[];
          samples = {
            samples: e.profile.samples ?? [],
            timeDeltas: e.profile.timeDeltas ?? [],
          };
        });
      },
    }),
    t => {
      log(`first open (unminified, profiled) ${t.firstOpen?.toFixed(0)} ms`);
      if (nodes && samples) printProfile(nodes, samples, 40);
    },
  );
}

/**
 * One first open of `script` in a browser of its own: `prepare` gives the page's options (it may
 * start something on the browser), `report` runs with the times before the browser closes.
 */
async function firstOpenOnce(
  script: string,
  status: string,
  group: string | undefined,
  prepare: (browser: Browser) => Parameters<typeof measureRender>[5],
  report: (times: RenderTimes, browser: Browser) => Promise<void> | void,
): Promise<void> {
  const browser = await launchRenderBrowser();
  try {
    const times = await measureRender(
      browser,
      script,
      status,
      'first-open',
      group,
      prepare(browser),
    );
    await report(times, browser);
  } finally {
    await browser.close();
  }
}

/** The render page bundled from the workspace's build of the tab. */
async function workspaceBundle(): Promise<string> {
  return readFileSync(
    await bundleRenderPage({ out: join(RESULTS_DIR, 'compare-new.js') }),
    'utf8',
  );
}

/** A Chromium trace of the first open: its main-thread events by name, and the long ones. */
async function trace(status: string, group?: string) {
  await firstOpenOnce(
    await workspaceBundle(),
    status,
    group,
    browser => ({
      query: { profile: '1' },
      onPage: async () => {
        await browser.startTracing(undefined, {
          categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute'],
        });
      },
    }),
    async (t, browser) => {
      const buffer = await browser.stopTracing();
      if (flag('keep-trace'))
        writeFileSync(join(RESULTS_DIR, 'compare-trace-first.json'), buffer);
      log(`first open (traced) ${t.firstOpen?.toFixed(0)} ms`);
      printTrace(JSON.parse(buffer.toString()).traceEvents);
    },
  );
}

/** Runs in the page before it loads: notes each style element added and the click on the tab. */
const SHEETS_PROBE = `(() => {
  const sheets = [];
  let click = 0;
  new MutationObserver(ms => {
    for (const m of ms)
      for (const n of m.addedNodes)
        if (n.tagName === 'STYLE')
          sheets.push({ t: performance.now(), meta: n.getAttribute('data-meta'), length: n.textContent.length });
  }).observe(document, { childList: true, subtree: true });
  const realClick = HTMLElement.prototype.click;
  HTMLElement.prototype.click = function () {
    click = performance.now();
    return realClick.call(this);
  };
  // Handed to the bench (exposed function) before the page reports its time and is closed.
  let reported;
  Object.defineProperty(window, '__RENDER_MS__', {
    get: () => reported,
    set: v => {
      window.__reportSheets(sheets.filter(s => s.t >= click)).then(() => { reported = v; });
    },
  });
})();`;

/** The style sheets injected by the first open of the workspace build. */
async function sheets(status: string, group?: string) {
  let found: Array<{ meta: string | null; length: number }> = [];
  await firstOpenOnce(
    await workspaceBundle(),
    status,
    group,
    () => ({
      onPage: async page => {
        await page.exposeFunction('__reportSheets', (list: typeof found) => {
          found = list;
        });
        await page.addInitScript(SHEETS_PROBE);
      },
    }),
    t => {
      log(
        `first open ${t.firstOpen?.toFixed(0)} ms: ${
          found.length
        } style sheets`,
      );
      for (const s of found)
        console.log(
          `${String(s.length).padStart(8)}  ${s.meta ?? '(no name)'}`,
        );
    },
  );
}

async function main() {
  const nodes = Number(arg('nodes', '5000'));
  const runs = Number(arg('runs', '5'));
  const views = arg('views', 'flat,grouped').split(',');
  const modes = arg('modes', 'first-open,cold').split(',') as RenderMode[];
  const input = renderInputs().find(i => i.nodes === nodes);
  if (!input)
    throw new Error(`no status answer of ${nodes} nodes in ${RESULTS_DIR}`);
  const status = readFileSync(input.path, 'utf8');
  if (flag('trace')) {
    for (const view of views)
      await trace(status, view === 'grouped' ? RENDER_GROUP_BY : undefined);
    return;
  }
  if (flag('sheets')) {
    for (const view of views)
      await sheets(status, view === 'grouped' ? RENDER_GROUP_BY : undefined);
    return;
  }
  if (flag('profile')) {
    for (const view of views)
      await profile(status, view === 'grouped' ? RENDER_GROUP_BY : undefined);
    return;
  }
  const baseDir = resolve(arg('base', join(RESULTS_DIR, 'base-daemonset')));
  const scripts = {
    base: readFileSync(
      await bundleRenderPage({
        out: join(RESULTS_DIR, 'compare-base.js'),
        pluginDir: baseDir,
      }),
      'utf8',
    ),
    new: readFileSync(
      await bundleRenderPage({
        out: join(RESULTS_DIR, 'compare-new.js'),
        pluginDir: flag('new') ? resolve(arg('new', '')) : undefined,
      }),
      'utf8',
    ),
  };
  const times: Record<string, number[]> = {};
  const push = (key: string, v: number | undefined) => {
    if (v !== undefined) (times[key] ??= []).push(v);
  };
  const browser = await launchRenderBrowser();
  const loadStart = loadAverage();
  try {
    for (let i = 0; i < runs; i++) {
      // base and new in turn (their order swapped every run), each view and mode.
      const order =
        i % 2 === 0 ? (['base', 'new'] as const) : (['new', 'base'] as const);
      for (const view of views) {
        const group = view === 'grouped' ? RENDER_GROUP_BY : undefined;
        for (const mode of modes) {
          for (const build of order) {
            const cpu = flag('cpu') && mode === 'first-open';
            if (cpu)
              await browser.startTracing(undefined, {
                categories: ['devtools.timeline', 'toplevel'],
              });
            const t = await measureRender(
              browser,
              scripts[build],
              status,
              mode,
              group,
            );
            if (cpu) {
              const buffer = await browser.stopTracing();
              if (flag('keep-trace'))
                writeFileSync(join(RESULTS_DIR, 'compare-trace.json'), buffer);
              const events = JSON.parse(buffer.toString()).traceEvents;
              push(
                `${view} ${build} firstOpen CPU`,
                mainThreadCpu(events, t.firstOpen!),
              );
            }
            push(`${view} ${build} firstOpen`, t.firstOpen);
            push(`${view} ${build} cold`, t.cold);
            push(`${view} ${build} warm`, t.warm);
          }
        }
      }
    }
  } finally {
    await browser.close();
  }
  log(
    `${nodes} nodes (${
      input.source
    }), ${runs} runs; ${loadStart} → ${loadAverage()}`,
  );
  for (const [key, ts] of Object.entries(times).sort()) {
    log(
      `${key.padEnd(26)} median ${summarize(ts)
        .p50.toFixed(0)
        .padStart(5)} ms  (${ts.map(t => t.toFixed(0)).join(', ')})`,
    );
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
