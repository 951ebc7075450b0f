import http from 'node:http';
import { eventsUrl, statusUrl } from './backend';
import { Kube } from './cluster';
import { openSse, SseClient } from './httpClient';
import { MemorySample, sampleMemory } from './memory';
import { CountingProxy } from './proxy';
import { summarize, Summary } from './stats';
import { deletePod, runningPodNames } from './workload';

/** What one window with `tabs` open tabs measured. */
export interface TabsWindowResult {
  tabs: number;
  /** Entities (one DaemonSet each) with at least one tab open. */
  entitiesOpen: number;
  windowMs: number;
  /** API-server traffic through the counting proxy during the window (from opening the tabs). */
  requests: number;
  watches: number;
  bytes: number;
  /** Warm status requests of every tab before the first change (after its entity's first complete answer). */
  warm: Summary;
  /** Warm status requests while pods were being changed (each change rebuilds one answer). */
  warmDuringChanges: Summary;
  /** Status requests that failed or timed out. */
  failed: number;
  /** Why they failed: HTTP status code or error message, with counts. */
  failures?: Record<string, number>;
  /**
   * Live updates: per change, from the pod's DELETE until every open tab of that DaemonSet's
   * entity got an SSE event; `missed` changes did not reach every tab within 30 s.
   */
  live?: Summary & { missed: number };
  /** Heap and RSS after forced GC at the end of the window, tabs still open. */
  memory: MemorySample;
  load: string;
}

/** One open tab: a live channel and a loop of status requests, as the entity tab does. */
interface Tab {
  entity: string;
  sse: SseClient;
  stop(): Promise<void>;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });

/**
 * One status request timed to its last byte, the body left compressed (decompressing every
 * answer would put the tabs' work on the backend's own event loop: both share this process).
 */
function timedStatus(
  url: string,
): Promise<{ ms: number; ok: boolean; why?: string }> {
  const start = performance.now();
  return new Promise(resolve => {
    const req = http.get(
      url,
      { agent, headers: { 'Accept-Encoding': 'gzip' } },
      res => {
        res.on('data', () => {});
        res.on('end', () =>
          resolve({
            ms: performance.now() - start,
            ok: res.statusCode === 200,
            why: `HTTP ${res.statusCode}`,
          }),
        );
        res.on('error', e => resolve({ ms: NaN, ok: false, why: e.message }));
      },
    );
    req.setTimeout(120_000, () => req.destroy(new Error('no answer in 120 s')));
    req.on('error', e => resolve({ ms: NaN, ok: false, why: e.message }));
  });
}

/** Samples sorted into the phase they were taken in. */
interface Samples {
  phase: 'quiet' | 'changes';
  quiet: number[];
  changes: number[];
  failed: number;
  failures: Record<string, number>;
}

async function openTab(
  base: string,
  entity: string,
  intervalMs: number,
  samples: Samples,
  warmFrom: Map<string, Promise<void>>,
): Promise<Tab> {
  const sse = await openSse(eventsUrl(base, entity));
  let open = true;
  const loop = (async () => {
    await warmFrom.get(entity);
    while (open) {
      const r = await timedStatus(statusUrl(base, entity));
      if (!open) break;
      if (r.ok) samples[samples.phase].push(r.ms);
      else {
        samples.failed++;
        const why = r.why ?? 'unknown';
        samples.failures[why] = (samples.failures[why] ?? 0) + 1;
      }
      await new Promise(res => setTimeout(res, intervalMs));
    }
  })();
  return {
    entity,
    sse,
    async stop() {
      open = false;
      sse.close();
      await loop;
    },
  };
}

/**
 * Deletes one running pod of an entity's DaemonSet and resolves with the time until every tab of
 * that entity received an event, or `undefined` when one did not within 30 s.
 */
async function liveChange(
  kube: Kube,
  pods: string[],
  tabs: Tab[],
  pick: number,
): Promise<number | undefined> {
  if (pods.length === 0) return undefined;
  const seen = tabs.map(t => t.sse.events.length);
  const start = performance.now();
  await deletePod(kube, pods[(pick * 7919) % pods.length]);
  try {
    await Promise.all(tabs.map((t, i) => t.sse.waitFor(seen[i], 30_000)));
  } catch {
    return undefined;
  }
  return Math.max(...tabs.map((t, i) => t.sse.events[seen[i]].at - start));
}

/** Options of one window. */
export interface TabsWindow {
  base: string;
  kube: Kube;
  proxy: CountingProxy;
  /** Entity names, one DaemonSet each; tab `i` shows entity `i mod entities.length`. */
  entities: string[];
  tabs: number;
  windowMs: number;
  /** Pause between one tab's status requests. */
  intervalMs: number;
  /** Pause between pod changes in the second half of the window. */
  changeGapMs: number;
  /** Ready-made complete-status check (first complete answer of an entity). */
  untilComplete: (entity: string) => Promise<void>;
  load: () => string;
  log: (m: string) => void;
}

/**
 * `tabs` tabs spread over the entities for `windowMs`: the first half without changes, the
 * second half deleting one running pod every `changeGapMs`, rotating over the open entities.
 * Counts API-server traffic from the moment the tabs open (so the first lists count).
 */
export async function tabsWindow(w: TabsWindow): Promise<TabsWindowResult> {
  const open = w.entities.slice(0, Math.min(w.tabs, w.entities.length));
  const samples: Samples = {
    phase: 'quiet',
    quiet: [],
    changes: [],
    failed: 0,
    failures: {},
  };
  // Listed before the window: a list of 5000 pods every change would load the machine mid-window.
  // Distinct picks (a prime stride) never name a pod deleted earlier in this window.
  const podsOf = new Map<string, string[]>();
  for (const e of open) podsOf.set(e, await runningPodNames(w.kube, e));
  w.proxy.reset();
  const started = Date.now();
  const warmFrom = new Map(open.map(e => [e, w.untilComplete(e)]));
  const tabs = await Promise.all(
    Array.from({ length: w.tabs }, (_, i) =>
      openTab(w.base, open[i % open.length], w.intervalMs, samples, warmFrom),
    ),
  );
  await Promise.all(warmFrom.values());
  w.log(`  ${w.tabs} tab(s) open, ${open.length} entities complete`);
  const half = started + w.windowMs / 2;
  await new Promise(r => setTimeout(r, Math.max(0, half - Date.now())));
  samples.phase = 'changes';
  const live: number[] = [];
  let missed = 0;
  for (let i = 0; Date.now() < started + w.windowMs - w.changeGapMs; i++) {
    const entity = open[i % open.length];
    const ms = await liveChange(
      w.kube,
      podsOf.get(entity) ?? [],
      tabs.filter(t => t.entity === entity),
      Math.floor(i / open.length),
    );
    if (ms === undefined) missed++;
    else live.push(ms);
    await new Promise(r => setTimeout(r, w.changeGapMs));
  }
  await new Promise(r =>
    setTimeout(r, Math.max(0, started + w.windowMs - Date.now())),
  );
  const counted = w.proxy.reset();
  const windowMs = Date.now() - started;
  const memory = await sampleMemory();
  await Promise.all(tabs.map(t => t.stop()));
  return {
    tabs: w.tabs,
    entitiesOpen: open.length,
    windowMs,
    requests: counted.requests,
    watches: counted.watches,
    bytes: counted.bytes,
    warm: summarize(samples.quiet),
    warmDuringChanges: summarize(samples.changes),
    failed: samples.failed,
    failures: samples.failures,
    live: live.length || missed ? { ...summarize(live), missed } : undefined,
    memory,
    load: w.load(),
  };
}
