const isRow = (line: string) => line.trimStart().startsWith('|');
const isSeparator = (line: string) =>
  /^\|(\s*:?-+:?\s*\|)+\s*$/.test(line.trim());
const cellsOf = (line: string) =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map(cell => cell.trim());
const fleetOf = (row: string) => cellsOf(row)[0];

interface Table {
  /** The header's cells, as the key of the table. */
  key: string;
  /** Index of the first row after the separator, and one past the last row. */
  from: number;
  to: number;
}

function tablesOf(lines: string[]): Table[] {
  const tables: Table[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (!isRow(lines[i]) || !isSeparator(lines[i + 1])) continue;
    let to = i + 2;
    while (to < lines.length && isRow(lines[to])) to++;
    tables.push({ key: cellsOf(lines[i]).join('|'), from: i + 2, to });
    i = to - 1;
  }
  return tables;
}

const RUNS = /^Runs: (.*)\.$/;
const runsOf = (line: string) =>
  (RUNS.exec(line)?.[1] ?? '')
    .split('; ')
    .filter(run => /^\d+ nodes/.test(run));
const runFleet = (run: string) => run.split(' ')[0];

/**
 * `next`, a generated section of docs/benchmarks.md, with the rows and runs of `previous` kept for
 * the fleet sizes `next` has no figures of. Results live in the git-ignored `bench/.results/`, so
 * a run on a fresh machine knows only the fleets it measured: without this, the figures of every
 * other fleet would be wiped from the document. Rows are matched by table header and keyed by
 * their first cell (the fleet size); a table whose header changed starts afresh.
 */
export function keepUnmeasured(previous: string, next: string): string {
  const old = previous.split('\n');
  const oldTables = new Map(tablesOf(old).map(t => [t.key, t]));
  const lines = next.split('\n');
  // From the last table up, so that inserting rows keeps the earlier indexes valid.
  for (const table of tablesOf(lines).reverse()) {
    const before = oldTables.get(table.key);
    if (!before) continue;
    const rows = lines.slice(table.from, table.to);
    const measured = new Set(rows.map(fleetOf));
    const kept = old
      .slice(before.from, before.to)
      .filter(row => !measured.has(fleetOf(row)));
    const merged = [...kept, ...rows].sort(
      (a, b) => Number(fleetOf(a)) - Number(fleetOf(b)),
    );
    lines.splice(table.from, table.to - table.from, ...merged);
  }
  const runsAt = lines.findIndex(line => RUNS.test(line));
  const oldRuns = old.find(line => RUNS.test(line));
  if (runsAt >= 0 && oldRuns) {
    const runs = runsOf(lines[runsAt]);
    const measured = new Set(runs.map(runFleet));
    const kept = runsOf(oldRuns).filter(run => !measured.has(runFleet(run)));
    const all = [...runs, ...kept];
    lines[runsAt] = `Runs: ${all.length ? all.join('; ') : 'none yet'}.`;
  }
  return lines.join('\n');
}
