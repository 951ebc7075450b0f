import { prewarmTable, tabsTable } from './scenarioReport';
import { PrewarmRun, TabsRun } from './scenarioResults';

const MiB = 2 ** 20;
const cells = (line: string) => line.split(' | ').length;

const tabsRun: TabsRun = {
  nodes: 5000,
  daemonSets: 10,
  placement: 'every',
  date: '2026-12-07T04:30:00Z',
  command: 'yarn workspace @daemonsets/bench bench:tabs',
  loadStart: '1, 1, 1',
  loadEnd: '2, 2, 2',
  desiredPods: 50000,
  memoryBefore: { heapUsed: 100 * MiB, rss: 300 * MiB },
  intervalMs: 1000,
  windows: [10, 100].map(tabs => ({
    tabs,
    entitiesOpen: 10,
    windowMs: 30_000,
    requests: 40,
    watches: 40,
    bytes: 2 * MiB,
    warm: { n: 300, p50: 4, p99: 40, max: 45 },
    warmDuringChanges: { n: 300, p50: 5, p99: 80, max: 120 },
    failed: tabs === 100 ? 2 : 0,
    failures: (tabs === 100 ? { 'HTTP 503': 2 } : {}) as Record<string, number>,
    live: { n: 5, p50: 150, p99: 300, max: 300, missed: 1 },
    memory: { heapUsed: 400 * MiB, rss: 700 * MiB },
    load: '2, 2, 2',
    // Runs saved before these were measured lack them.
    ...(tabs === 100
      ? { openMs: 12_300, settleMs: 4_000, notModified: 250, revalidate: true }
      : {}),
  })),
};

describe('tabsTable', () => {
  it('gives one row per window, as many cells as the header, per-minute rates', () => {
    const [header, align, ...rows] = tabsTable([tabsRun]);
    expect(rows).toHaveLength(2);
    expect(cells(align)).toBe(cells(header));
    for (const r of rows) expect(cells(r)).toBe(cells(header));
    // 40 requests in 30 s = 80 a minute, 8 per open entity; the same for 10 and 100 tabs.
    expect(rows[0]).toContain('| 80 (80) | 8 |');
    expect(rows[1]).toContain('| 80 (80) | 8 |');
    expect(rows[0]).toContain('| 10 (50000) | 10 (10) |');
    expect(rows[1]).toContain('| 150 / 300 (5, 1) |');
    expect(rows[1]).toContain('| 400.0 / 700.0 | 300.0 | 2 × HTTP 503 |');
    expect(rows[0]).toContain('| 300.0 | 0 |');
    expect(rows[1]).toContain(
      '| 100 (10) | 12.3 / 4.0 | 4.00 / 40.0 / 45.0 (300) | 250 (yes) |',
    );
    expect(rows[0]).toContain(
      '| 10 (10) | – | 4.00 / 40.0 / 45.0 (300) | – (no) |',
    );
  });
});

describe('prewarmTable', () => {
  const run = (heapAfterMiB: number): PrewarmRun => ({
    nodes: 1000,
    entities: 200,
    mode: 'config',
    placement: 'pools',
    date: '2026-12-07T04:40:00Z',
    command: 'yarn workspace @daemonsets/bench bench:prewarm',
    loadStart: '1, 1, 1',
    loadEnd: '2, 2, 2',
    desiredPods: 13000,
    memoryBefore: { heapUsed: 100 * MiB, rss: 300 * MiB },
    memoryAfter: { heapUsed: heapAfterMiB * MiB, rss: 1500 * MiB },
    warmedMs: 42_000,
    requestsWhenWarm: 0,
    warm: { n: 400, p50: 3, p99: 30, max: 31 },
  });

  it('reports the heap per entity and whether the total fits 1 GiB', () => {
    const [header, align, fits, over] = prewarmTable([run(500), run(1100)]);
    expect(cells(align)).toBe(cells(header));
    expect(cells(fits)).toBe(cells(header));
    // (500 - 100) MiB over 200 entities.
    expect(fits).toContain('| 2.00 | yes |');
    expect(fits).toContain('| 200 on pools (13000) |');
    expect(fits).toContain('| 42.0 s |');
    expect(over).toContain('| **no** |');
  });
});
