import { keepUnmeasured } from './keepUnmeasured';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './cluster';
import { FleetResult, loadFleets } from './results';
import { loadRenders } from './renderResults';
import { bytes, ms } from './stats';
import { Scenario, SCENARIOS } from './traffic';

const row = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;

function latencyTable(fleets: FleetResult[]): string[] {
  const out = [
    row([
      'Nodes',
      'What',
      'Cold (ms)',
      'Warm p50 (ms)',
      'Warm p99 (ms)',
      'Warm n',
      'Answer size',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const f of fleets) {
    for (const [name, l] of [
      ['this plugin: `GET …/status`', f.latency.plugin],
      ['Kubernetes plugin: `POST /services/:name`', f.latency.reference],
      ['floor: 4 raw LISTs in parallel', f.latency.floor],
    ] as const) {
      out.push(
        row([
          f.nodes,
          name,
          l.coldComplete === false
            ? `${ms(l.coldMs)} (not read yet)`
            : ms(l.coldMs),
          ms(l.warm.p50),
          ms(l.warm.p99),
          l.warm.n,
          bytes(l.answerBytes),
        ]),
      );
    }
  }
  return out;
}

/** The "Pods change?" cell: the scenario and how many pods were replaced in the plugin's window. */
function changeOf(
  scenario: Scenario,
  podsReplaced: number | undefined,
): string {
  const replaced =
    podsReplaced === undefined ? '' : ` (${podsReplaced} replaced)`;
  if (scenario === 'rollout')
    return `rolling update, 20 % at a time${replaced}`;
  if (scenario === 'churn')
    return `3 % of the pods replaced per minute${replaced}`;
  return 'no';
}

function trafficTable(fleets: FleetResult[]): string[] {
  const notes: string[] = [];
  const mark = (t: { note?: string }) => {
    if (!t.note) return '';
    if (!notes.includes(t.note)) notes.push(t.note);
    return ` [${notes.indexOf(t.note) + 1}]`;
  };
  const out = [
    row([
      'Nodes',
      'Pods change?',
      'Tabs',
      'This plugin: requests/min',
      'bytes/min',
      'Kubernetes plugin: requests/min',
      'bytes/min',
      'Bytes ratio (ref ÷ plugin)',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const f of fleets) {
    for (const scenario of SCENARIOS) {
      const tabs = [...new Set(f.traffic.map(t => t.tabs))].sort(
        (a, b) => a - b,
      );
      for (const n of tabs) {
        const match = (t: FleetResult['traffic'][number], system: string) =>
          t.system === system &&
          t.tabs === n &&
          (t.scenario ?? 'rollout') === scenario;
        const p = f.traffic.find(t => match(t, 'plugin'));
        const r = f.traffic.find(t => match(t, 'reference'));
        if (!p || !r) {
          for (const t of [p, r]) {
            if (t?.note)
              notes.push(
                `${f.nodes} nodes, ${t.system}, ${n} tab(s): ${t.note}`,
              );
          }
          continue;
        }
        const perMin = (v: number, w: number) => (v * 60_000) / w;
        out.push(
          row([
            f.nodes,
            changeOf(scenario, p.podsReplaced),
            n,
            `${perMin(p.requests, p.windowMs).toFixed(0)} (${
              p.watches
            } watches)`,
            `${bytes(perMin(p.bytes, p.windowMs))}${mark(p)}`,
            r.incomplete ? 'n/a' : perMin(r.requests, r.windowMs).toFixed(0),
            r.incomplete
              ? `did not finish${mark(r)}`
              : `${bytes(perMin(r.bytes, r.windowMs))}${mark(r)}`,
            r.incomplete
              ? 'n/a'
              : `${(r.bytes / Math.max(1, p.bytes)).toFixed(1)}×`,
          ]),
        );
      }
    }
  }
  if (notes.length) out.push('', ...notes.map((n, i) => `${i + 1}. ${n}`));
  return out;
}

function otherTable(fleets: FleetResult[]): string[] {
  const out = [
    row([
      'Nodes',
      'Pods',
      'Live update p50 / max (ms)',
      'Heap Δ (MiB)',
      'RSS Δ (MiB)',
      'Heap Δ per 1000 nodes (MiB)',
      'Heap Δ, one more DaemonSet (MiB)',
      'Load (start → end)',
    ]),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:', '---']),
  ];
  for (const f of fleets) {
    const heap = (f.memory.after.heapUsed - f.memory.before.heapUsed) / 2 ** 20;
    const rss = (f.memory.after.rss - f.memory.before.rss) / 2 ** 20;
    out.push(
      row([
        f.nodes,
        f.desiredPods,
        f.live ? `${ms(f.live.p50)} / ${ms(f.live.max)}` : 'n/a',
        heap.toFixed(1),
        rss.toFixed(1),
        ((heap * 1000) / f.nodes).toFixed(2),
        f.secondDaemonSet
          ? (
              (f.secondDaemonSet.after.heapUsed -
                f.secondDaemonSet.before.heapUsed) /
              2 ** 20
            ).toFixed(1)
          : 'n/a',
        `${f.loadStart} → ${f.loadEnd}`,
      ]),
    );
  }
  return out;
}

/** `cold / first open / warm` medians of one view. */
const renderMedians = (s: {
  coldMedian: number;
  firstOpenMedian?: number;
  warmMedian: number;
}) =>
  `${ms(s.coldMedian)} / ${
    s.firstOpenMedian === undefined ? 'n/a' : ms(s.firstOpenMedian)
  } / ${ms(s.warmMedian)}`;

/** The render passes (`render-<nodes>.json`); older fleet results' flat medians where none. */
function renderTable(fleets: FleetResult[]): string[] {
  const renders = loadRenders();
  const out = [
    row([
      'Nodes',
      'Status answer',
      'Flat: median cold / first open / warm (ms)',
      'Grouped by pool: median cold / first open / warm (ms)',
      'Runs',
      'When',
      'Load (start → end)',
    ]),
    row(['---:', '---', '---:', '---:', '---:', '---', '---']),
  ];
  for (const r of renders) {
    out.push(
      row([
        r.nodes,
        r.source,
        renderMedians(r.flat),
        renderMedians(r.grouped),
        r.flat.cold.length,
        r.date,
        `${r.loadStart} → ${r.loadEnd}`,
      ]),
    );
  }
  for (const f of fleets) {
    if (!f.render || renders.some(r => r.nodes === f.nodes)) continue;
    out.push(
      row([
        f.nodes,
        'recorded',
        renderMedians(f.render),
        'n/a',
        f.render.cold.length,
        f.date,
        'n/a',
      ]),
    );
  }
  return out;
}

const BEGIN =
  '<!-- generated by `yarn bench`: tables below are rewritten on every run -->';
const END = '<!-- end generated -->';

/**
 * Writes the figure tables of every saved fleet into `docs/benchmarks.md`, between the
 * generated-section markers (the prose around them is kept; appended when the markers are missing).
 */
export function writeReport(): void {
  const fleets = loadFleets();
  const generated = [
    BEGIN,
    '',
    `Runs: ${fleets
      .map(f => `${f.nodes} nodes on ${f.date} (\`${f.command}\`)`)
      .join('; ')}.`,
    '',
    '### Status request latency',
    '',
    ...latencyTable(fleets),
    '',
    '### API-server traffic per minute (60 s window from opening the tabs; a rolling update started at +2 s, or no change)',
    '',
    ...trafficTable(fleets),
    '',
    '### Live updates, memory, load',
    '',
    ...otherTable(fleets),
    '',
    '### Render of the tab in Chromium (goal: first open < 500 ms at 5000 nodes, flat and grouped)',
    '',
    ...renderTable(fleets),
    '',
    END,
  ].join('\n');
  replaceGeneratedSection(BEGIN, END, generated);
}

/**
 * Puts `generated` (which starts with `begin` and ends with `end`) in place of the section between
 * those markers in `docs/benchmarks.md`, keeping the prose around it and the figures of fleets
 * `generated` has none of ({@link keepUnmeasured}); appended when missing.
 */
export function replaceGeneratedSection(
  begin: string,
  end: string,
  generated: string,
): void {
  const path = join(REPO_ROOT, 'docs', 'benchmarks.md');
  const current = existsSync(path)
    ? readFileSync(path, 'utf8')
    : '# Benchmarks\n\n';
  const from = current.indexOf(begin);
  const to = current.indexOf(end);
  const next =
    from >= 0 && to > from
      ? current.slice(0, from) +
        keepUnmeasured(current.slice(from, to + end.length), generated) +
        current.slice(to + end.length)
      : `${current.trimEnd()}\n\n${generated}\n`;
  writeFileSync(path, next);
}
