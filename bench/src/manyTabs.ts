import {
  monitorEventLoopDelay,
  PerformanceObserver,
  constants as perfConstants,
} from 'node:perf_hooks';
import { Session } from 'node:inspector/promises';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ChildProcess, fork } from 'node:child_process';
import { printProfile } from '../render/profileSummary';
import { Kube } from './cluster';
import { MemorySample, sampleMemory } from './memory';
import { coresUsed, cpuSnapshot } from './processCpu';
import { CountingProxy } from './proxy';
import { summarize, Summary } from './stats';
import { epochMs, SlowRequest, TabSamples, TabsCommand } from './tabsProcess';
import { deletePod, runningPodNames } from './workload';

/** What one window with `tabs` open tabs measured. */
export interface TabsWindowResult {
  tabs: number;
  /** Entities (one DaemonSet each) with at least one tab open. */
  entitiesOpen: number;
  /** From opening the tabs to the end of the window. */
  windowMs: number;
  /**
   * From opening the tabs until every entity's first complete answer (the halves start then);
   * missing in runs saved before it was measured.
   */
  openMs?: number;
  /** From then until no tab had received an event for 2 s (at most 60 s): warm starts then. */
  settleMs?: number;
  /** API-server traffic through the counting proxy during the window (from opening the tabs). */
  requests: number;
  watches: number;
  bytes: number;
  /** Those bytes by resource (a node list read again shows here). */
  bytesByResource?: Record<string, number>;
  /**
   * Warm status requests of every tab in the quiet half (from when every entity was complete
   * and settled to the first change).
   */
  warm: Summary;
  /** Status requests after an entity's first complete answer, before every entity settled. */
  warmWhileSettling?: Summary;
  /** Warm status requests while pods were being changed (each change rebuilds one answer). */
  warmDuringChanges: Summary;
  /** Warm answers `304 Not Modified` (the tab had that version: `If-None-Match`). */
  notModified?: number;
  /** Whether tabs revalidate as a browser does (send the `ETag` they have as `If-None-Match`). */
  revalidate?: boolean;
  /** Whether each tab waited an interval after each answer (before the eighth session's fix, always). */
  afterAnswer?: boolean;
  /** Status requests that failed or timed out. */
  failed: number;
  /** Why they failed: HTTP status code or error message, with counts. */
  failures?: Record<string, number>;
  /**
   * Live updates: per change, from the pod's DELETE until every open tab of that DaemonSet's
   * entity got an SSE event; `missed` changes did not reach every tab within 30 s.
   */
  live?: Summary & { missed: number };
  /**
   * The backend process's event-loop delay in the quiet half (`perf_hooks`, ms): how long a
   * request that arrived could wait for the backend's thread. A warm tail well above it comes
   * from elsewhere (the tabs' process or the machine's scheduler).
   */
  backendLoopDelay?: { p50: number; p99: number; max: number };
  /** The same in the tabs' process. */
  tabsLoopDelay?: { p50: number; p99: number; max: number };
  /**
   * Garbage collections of the backend's process in the quiet half: count, summed and longest
   * pause (ms) of the minor (scavenge) and major (mark-compact) ones.
   */
  backendGc?: Record<
    'minor' | 'major',
    { count: number; ms: number; maxMs: number }
  >;
  /** Cores used in the quiet half by each process of the machine (the busiest first). */
  quietCpu?: Record<string, number>;
  /**
   * Quiet-half requests slower than 50 ms (at most 40, the slowest), `at` in ms from the quiet
   * half's start, beside the backend's event-loop stalls over 50 ms then.
   */
  slowQuiet?: Array<Omit<SlowRequest, 'at'> & { at: number }>;
  backendStalls?: Array<{ at: number; ms: number }>;
  /** Heap and RSS of the backend's process after forced GC at the end of the window, tabs still open (they run in a process of their own). */
  memory: MemorySample;
  load: string;
}

type DistributiveOmit<T, K extends keyof any> = T extends unknown
  ? Omit<T, K>
  : never;

/** The tabs' own process (`tabsProcess.ts`) and the commands it answers. */
class TabsHost {
  readonly child: ChildProcess;
  private readonly pending = new Map<number, (answer: any) => void>();
  private nextId = 1;

  constructor() {
    this.child = fork(
      resolvePackagePath('@daemonsets/bench', 'src/tabsProcess.ts'),
      {
        execArgv: process.execArgv.filter(a => a !== '--expose-gc'),
      },
    );
    this.child.on('message', (answer: { id: number }) => {
      this.pending.get(answer.id)?.(answer);
      this.pending.delete(answer.id);
    });
  }

  /** Sends a command with a fresh id; resolves with the answer carrying that id. */
  ask(command: DistributiveOmit<TabsCommand, 'id'>): {
    id: number;
    answer: Promise<any>;
  } {
    const id = this.nextId++;
    const answer = new Promise(resolve => this.pending.set(id, resolve));
    this.child.send({ ...command, id });
    return { id, answer };
  }

  /** Resolves with the second answer of a command (`-id`: an `arm`'s arrival). */
  later(id: number): Promise<any> {
    return new Promise(resolve => this.pending.set(-id, resolve));
  }

  tell(command: TabsCommand): void {
    this.child.send(command);
  }
}

/**
 * Deletes one running pod of an entity's DaemonSet and resolves with the time until every tab of
 * that entity received an event, or `undefined` when one did not within 30 s.
 */
async function liveChange(
  kube: Kube,
  pods: string[],
  host: TabsHost,
  entity: string,
  pick: number,
): Promise<number | undefined> {
  if (pods.length === 0) return undefined;
  const { id, answer } = host.ask({ op: 'arm', entity, timeoutMs: 30_000 });
  const arrival = host.later(id);
  await answer;
  const start = epochMs();
  await deletePod(kube, pods[(pick * 7919) % pods.length]);
  const { at } = await arrival;
  return at === undefined ? undefined : at - start;
}

/** A V8 CPU profile of this process, started. */
async function startProfiler(): Promise<Session> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return session;
}

/** Counts this process's garbage-collection pauses until `stop`. */
function watchGc() {
  const pauses = {
    minor: { count: 0, ms: 0, maxMs: 0 },
    major: { count: 0, ms: 0, maxMs: 0 },
  };
  const pausesOfKind: Record<number, typeof pauses.major | undefined> = {
    [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: pauses.major,
    [perfConstants.NODE_PERFORMANCE_GC_MINOR]: pauses.minor,
  };
  const observer = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      const into = pausesOfKind[(entry as any).detail?.kind];
      if (!into) continue;
      into.count++;
      into.ms += entry.duration;
      into.maxMs = Math.max(into.maxMs, entry.duration);
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      observer.disconnect();
      return pauses;
    },
  };
}

/** Times (ms from `origin`, epoch) when this process's event loop ran over 50 ms late. */
function watchStalls(origin: number) {
  const stalls: Array<{ at: number; ms: number }> = [];
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const late = performance.now() - expected;
    if (late > 50)
      stalls.push({
        at: Math.round(epochMs() - late - origin),
        ms: Math.round(late),
      });
    expected = performance.now() + 10;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return stalls;
    },
  };
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
  /**
   * Each tab waits `intervalMs` after each answer, as before (tabs fall in step after any slow
   * moment), instead of asking on its own rhythm.
   */
  afterAnswer?: boolean;
  /** Tabs send the version they have (`If-None-Match`), as a browser's HTTP cache does. */
  revalidate: boolean;
  /** Prints a CPU profile of this process (the backend) over the quiet half to the log. */
  profileQuiet?: boolean;
  /** Pause between pod changes in the second half of the window. */
  changeGapMs: number;
  /** Ready-made complete-status check (first complete answer of an entity). */
  untilComplete: (entity: string) => Promise<void>;
  load: () => string;
  log: (m: string) => void;
}

/**
 * `tabs` tabs spread over the entities; once every entity is complete, `windowMs` in two halves:
 * the first without changes, the second deleting one running pod every `changeGapMs`, rotating
 * over the open entities.
 * The tabs run in a process of their own. Counts API-server traffic from the moment the tabs
 * open (so the first lists count).
 */
export async function tabsWindow(w: TabsWindow): Promise<TabsWindowResult> {
  const open = w.entities.slice(0, Math.min(w.tabs, w.entities.length));
  // Listed before the window: a list of 5000 pods every change would load the machine mid-window.
  // Distinct picks (a prime stride) never name a pod deleted earlier in this window.
  const podsOf = new Map<string, string[]>();
  for (const e of open) podsOf.set(e, await runningPodNames(w.kube, e));
  const host = new TabsHost();
  w.proxy.reset();
  const started = Date.now();
  const warm = open.map(e =>
    w.untilComplete(e).then(() => host.tell({ op: 'warm', entity: e })),
  );
  await host.ask({
    op: 'open',
    base: w.base,
    entities: Array.from({ length: w.tabs }, (_, i) => open[i % open.length]),
    intervalMs: w.intervalMs,
    revalidate: w.revalidate,
    afterAnswer: w.afterAnswer,
  }).answer;
  await Promise.all(warm);
  const openMs = Date.now() - started;
  w.log(`  ${w.tabs} tab(s) open, ${open.length} entities complete`);
  // After its first complete answer a view still changes while its watches open (each a new
  // version, so every tab reads the whole answer again): warm means settled, no event for 2 s.
  const settling = Date.now();
  const { settled } = await host.ask({
    op: 'settle',
    quietMs: 2000,
    timeoutMs: 60_000,
  }).answer;
  const settleMs = Date.now() - settling;
  w.log(`  settled after ${settleMs} ms${settled ? '' : ' (gave up)'}`);
  host.tell({ op: 'phase', phase: 'quiet' });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const profiler = w.profileQuiet ? await startProfiler() : undefined;
  const gc = watchGc();
  const quietStart = epochMs();
  const stalls = watchStalls(quietStart);
  const cpuBefore = cpuSnapshot();
  // Both halves start once every entity is complete and settled: on a loaded machine the
  // opening can take longer than a half, which left the quiet half without samples.
  const quietEnd = Date.now() + w.windowMs / 2;
  const end = quietEnd + w.windowMs / 2;
  await new Promise(r => setTimeout(r, Math.max(0, quietEnd - Date.now())));
  loopDelay.disable();
  const backendGc = gc.stop();
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    printProfile(profile.nodes as any, profile as any, 40);
    profiler.disconnect();
  }
  const backendStalls = stalls.stop();
  const quietCpu = coresUsed(cpuBefore, cpuSnapshot(), {
    [process.pid]: 'bench backend (node)',
    ...(host.child.pid ? { [host.child.pid]: 'tabs (node)' } : {}),
  });
  host.tell({ op: 'phase', phase: 'changes' });
  const live: number[] = [];
  let missed = 0;
  for (let i = 0; Date.now() < end - w.changeGapMs; i++) {
    const entity = open[i % open.length];
    const ms = await liveChange(
      w.kube,
      podsOf.get(entity) ?? [],
      host,
      entity,
      Math.floor(i / open.length),
    );
    if (ms === undefined) missed++;
    else live.push(ms);
    await new Promise(r => setTimeout(r, w.changeGapMs));
  }
  await new Promise(r => setTimeout(r, Math.max(0, end - Date.now())));
  const counted = w.proxy.reset();
  const windowMs = Date.now() - started;
  const memory = await sampleMemory();
  const { samples } = (await host.ask({ op: 'stop' }).answer) as {
    samples: TabSamples;
  };
  return {
    tabs: w.tabs,
    entitiesOpen: open.length,
    windowMs,
    openMs,
    settleMs,
    requests: counted.requests,
    watches: counted.watches,
    bytes: counted.bytes,
    bytesByResource: counted.bytesByResource,
    warmWhileSettling: summarize(samples.settling),
    warm: summarize(samples.quiet),
    warmDuringChanges: summarize(samples.changes),
    notModified: samples.notModified,
    revalidate: w.revalidate,
    afterAnswer: w.afterAnswer || undefined,
    failed: samples.failed,
    failures: samples.failures,
    live: live.length || missed ? { ...summarize(live), missed } : undefined,
    backendLoopDelay: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    tabsLoopDelay: samples.quietLoopDelay,
    backendGc,
    quietCpu,
    slowQuiet: (samples.slowQuiet ?? [])
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 40)
      .map(r => ({ ...r, at: Math.round(r.at - quietStart) })),
    backendStalls,
    memory,
    load: w.load(),
  };
}
