import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient } from './kube.ts';
import { ClusterError } from './log.ts';
import { FLEET_LABEL } from './nodes.ts';

/** Ready and total fleet nodes. */
export interface ReadyCount {
  ready: number;
  total: number;
}

/** One row of the API server's Table form; for nodes, cells are name, status, roles, age, version. */
interface TableRow {
  cells: unknown[];
}

/**
 * Counts the fleet's Ready nodes cheaply: the Table form (no objects, ~0.3 KB a node instead of
 * ~4 KB) served from the API server's watch cache (`resourceVersion=0`, no etcd read). The status
 * column reads `Ready`, `Ready,SchedulingDisabled` or `NotReady` (also for `Unknown`).
 */
export async function countReadyNodes(kube: KubeClient): Promise<ReadyCount> {
  const table = await kube.request<{ rows?: TableRow[] }>(
    'GET',
    `/api/v1/nodes?labelSelector=${encodeURIComponent(
      FLEET_LABEL,
    )}&includeObject=None&resourceVersion=0`,
    undefined,
    undefined,
    'application/json;as=Table;v=v1;g=meta.k8s.io',
  );
  const rows = table.rows ?? [];
  return {
    ready: rows.filter(r => /^Ready\b/.test(String(r.cells[1]))).length,
    total: rows.length,
  };
}

/** What {@link waitWhileProgressing} waits for and how. */
export interface ProgressWait {
  /** Name used in messages, e.g. `fleet`. */
  what: string;
  /** Reads the current count; a rejection counts as "no progress" (the API server may be busy). */
  read: () => Promise<ReadyCount>;
  /** Done once `ready >= wantReady` and `total === wantTotal`. */
  wantReady: number;
  wantTotal: number;
  /** Fail once the Ready count has not grown for this long. */
  stallMs: number;
  /** Pause between reads. */
  intervalMs: number;
  /** Called with each new count (for progress lines). */
  onChange?: (c: ReadyCount) => void;
  /** Where failure messages point the user. */
  hint?: string;
  /** Clock and pause, replaceable in tests. */
  now?: () => number;
  pause?: (ms: number) => Promise<unknown>;
}

/**
 * Polls until the target is reached. There is no overall deadline: a large fleet on a loaded
 * machine may take many minutes, so it fails only when the Ready count has not grown for
 * `stallMs` (a new total, e.g. nodes still being listed, does not count as progress).
 * Resolves with the last count.
 */
export async function waitWhileProgressing(
  w: ProgressWait,
): Promise<ReadyCount> {
  const now = w.now ?? Date.now;
  const pause = w.pause ?? sleep;
  let best = -1;
  let lastProgress = now();
  let last: ReadyCount | undefined;
  let lastError: unknown;
  for (;;) {
    let c: ReadyCount | undefined;
    try {
      c = await w.read();
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (c) {
      if (!last || c.ready !== last.ready || c.total !== last.total)
        w.onChange?.(c);
      last = c;
      if (c.ready >= w.wantReady && c.total === w.wantTotal) return c;
      if (c.ready > best) {
        best = c.ready;
        lastProgress = now();
      }
    }
    if (now() - lastProgress >= w.stallMs) {
      const seen = last
        ? `${last.ready}/${w.wantReady} Ready (${last.total}/${w.wantTotal} nodes)`
        : 'no count read yet';
      const why = lastError ? `; last error: ${String(lastError)}` : '';
      throw new ClusterError(
        `${w.what}: no progress for ${Math.round(
          w.stallMs / 1000,
        )}s at ${seen}${why}${w.hint ? `; ${w.hint}` : ''}`,
      );
    }
    await pause(w.intervalMs);
  }
}
