import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) used so far by each process of the machine, keyed by pid. */
export interface CpuSnapshot {
  at: number;
  byPid: Map<number, { name: string; ms: number }>;
}

/** Clock ticks per second of `/proc/<pid>/stat` (`getconf CLK_TCK`, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** Reads every process's user + system CPU time from `/proc`. */
export function cpuSnapshot(): CpuSnapshot {
  const byPid = new Map<number, { name: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces; fields follow its closing one.
      const close = stat.lastIndexOf(')');
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      byPid.set(pid, { name, ms: (ticks * 1000) / TICKS_PER_SECOND });
    } catch {
      // The process ended between listing and reading.
    }
  }
  return { at: Date.now(), byPid };
}

/**
 * Cores used between two snapshots by each process name (the busiest first, those under 0.01 core
 * left out); `labels` names processes by pid (the bench's own, the tabs').
 */
export function coresUsed(
  from: CpuSnapshot,
  to: CpuSnapshot,
  labels: Record<number, string> = {},
): Record<string, number> {
  const seconds = (to.at - from.at) / 1000;
  const byName = new Map<string, number>();
  for (const [pid, now] of to.byPid) {
    const before = from.byPid.get(pid)?.ms ?? 0;
    const name = labels[pid] ?? now.name;
    byName.set(name, (byName.get(name) ?? 0) + (now.ms - before) / 1000);
  }
  return Object.fromEntries(
    [...byName]
      .map(([name, cpuSeconds]) => [name, cpuSeconds / seconds] as const)
      .filter(([, cores]) => cores >= 0.01)
      .sort((a, b) => b[1] - a[1])
      .map(([name, cores]) => [name, Math.round(cores * 100) / 100]),
  );
}
