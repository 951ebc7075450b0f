/**
 * The browser tabs of `bench:tabs`, in a process of their own (forked by `manyTabs.ts`), as
 * real tabs run in browsers elsewhere: their reading and timing no longer share the backend's
 * event loop and thread. Commands arrive as IPC messages ({@link TabsCommand}); answers carry the
 * command's `id`.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { eventsUrl, statusUrl } from './backend';
import { openSse, SseClient } from './httpClient';

/** A message from the bench to this process. */
export type TabsCommand =
  | {
      op: 'open';
      id: number;
      base: string;
      /** One entry per tab: the entity it shows. */
      entities: string[];
      intervalMs: number;
      revalidate: boolean;
      /** Each tab waits `intervalMs` after each answer (the earlier model) instead of keeping its rhythm. */
      afterAnswer?: boolean;
    }
  /** The entity's first complete answer is in: its tabs start their request loops. */
  | { op: 'warm'; entity: string }
  | { op: 'phase'; phase: 'quiet' | 'changes' }
  /** Answers `armed` at once, then `arrived` when every tab of the entity got one more event. */
  | { op: 'arm'; id: number; entity: string; timeoutMs: number }
  /** Answers once no tab has received an event for `quietMs` (or after `timeoutMs`). */
  | { op: 'settle'; id: number; quietMs: number; timeoutMs: number }
  | { op: 'stop'; id: number };

/** What the tabs measured, sent in answer to `stop`. */
export interface TabSamples {
  /** Taken after the entity's first complete answer, before every entity settled. */
  settling: number[];
  quiet: number[];
  changes: number[];
  /** Answers `304 Not Modified` to a tab that sent the version it had (`If-None-Match`). */
  notModified: number;
  failed: number;
  failures: Record<string, number>;
  /** This process's event-loop delay in the quiet half, ms (`perf_hooks`). */
  quietLoopDelay?: { p50: number; p99: number; max: number };
  /** Quiet-half requests slower than {@link SLOW_MS}, with where their time went. */
  slowQuiet?: SlowRequest[];
}

/** A warm request counts as slow (and is kept with its phases) from this many ms. */
export const SLOW_MS = 50;

/** One slow request: when it started (epoch ms) and where its time went (ms). */
export interface SlowRequest {
  at: number;
  ms: number;
  /** Until the agent gave it a socket. */
  socketMs: number;
  /** Until the answer's headers arrived. */
  headersMs: number;
  /** Whether the socket had carried a request before. */
  reused: boolean;
}

/** Milliseconds since the epoch, comparable across processes. */
export const epochMs = () => performance.timeOrigin + performance.now();

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
const reusedSockets = new WeakSet<object>();

/**
 * One status request timed to its last byte, the body left compressed. With `etag`, sent as
 * `If-None-Match`, as a browser's HTTP cache revalidates an answer marked `no-cache`.
 */
function timedStatus(
  url: string,
  etag: string | undefined,
): Promise<{
  ms: number;
  status?: number;
  etag?: string;
  why?: string;
  phases?: Omit<SlowRequest, 'ms'>;
}> {
  const start = performance.now();
  const phases = {
    at: epochMs(),
    socketMs: NaN,
    headersMs: NaN,
    reused: false,
  };
  const headers: Record<string, string> = { 'Accept-Encoding': 'gzip' };
  if (etag) headers['If-None-Match'] = etag;
  return new Promise(resolve => {
    const req = http.get(url, { agent, headers }, res => {
      phases.headersMs = performance.now() - start;
      res.on('data', () => {});
      res.on('end', () =>
        resolve({
          ms: performance.now() - start,
          status: res.statusCode,
          etag: res.headers.etag,
          why: `HTTP ${res.statusCode}`,
          phases,
        }),
      );
      res.on('error', e => resolve({ ms: NaN, why: e.message }));
    });
    req.on('socket', socket => {
      phases.socketMs = performance.now() - start;
      phases.reused = reusedSockets.has(socket);
      reusedSockets.add(socket);
    });
    req.setTimeout(120_000, () => req.destroy(new Error('no answer in 120 s')));
    req.on('error', e => resolve({ ms: NaN, why: e.message }));
  });
}

interface Tab {
  entity: string;
  sse: SseClient;
  start(): void;
  stop(): Promise<void>;
}

const samples: TabSamples = {
  settling: [],
  quiet: [],
  changes: [],
  notModified: 0,
  failed: 0,
  failures: {},
};
let phase: 'settling' | 'quiet' | 'changes' = 'settling';
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let tabs: Tab[] = [];
/** Entities already warm, also those announced before their tabs were open. */
const warm = new Set<string>();

async function openTab(
  base: string,
  entity: string,
  intervalMs: number,
  revalidate: boolean,
  afterAnswer: boolean,
): Promise<Tab> {
  const sse = await openSse(eventsUrl(base, entity));
  let open = true;
  let started = false;
  let loop: Promise<void> = Promise.resolve();
  let etag: string | undefined;
  return {
    entity,
    sse,
    start() {
      if (started) return;
      started = true;
      loop = (async () => {
        // Tabs opened by different people do not ask in step: each keeps its own rhythm, from a
        // random point of the interval, whatever the answers' times. Waiting a whole interval
        // after each answer instead put every tab back in step after any slow moment (all the
        // answers held up by it arrive together): a hundred requests in the same millisecond.
        let next = performance.now() + Math.random() * intervalMs;
        while (open) {
          await sleep(Math.max(0, next - performance.now()));
          if (!open) break;
          // A sample belongs to the phase its request started in.
          const startedIn = phase;
          const r = await timedStatus(statusUrl(base, entity), etag);
          if (!open) break;
          if (r.status === 200 || r.status === 304) {
            samples[startedIn].push(r.ms);
            if (r.status === 304) samples.notModified++;
            if (revalidate && r.etag) etag = r.etag;
            if (startedIn === 'quiet' && r.ms >= SLOW_MS && r.phases)
              (samples.slowQuiet ??= []).push({ ...r.phases, ms: r.ms });
          } else {
            samples.failed++;
            const why = r.why ?? 'unknown';
            samples.failures[why] = (samples.failures[why] ?? 0) + 1;
          }
          // A tick missed while the request was out is skipped, as a browser's timer that does
          // not ask again while its last request is in flight.
          if (afterAnswer) next = performance.now() + intervalMs;
          else {
            next += intervalMs;
            while (next < performance.now()) next += intervalMs;
          }
        }
      })();
    },
    async stop() {
      open = false;
      sse.close();
      await loop;
    },
  };
}

const send = (message: object) => process.send!(message);

async function armed(entity: string, timeoutMs: number) {
  const ofEntity = tabs.filter(t => t.entity === entity);
  const seen = ofEntity.map(t => t.sse.events.length);
  try {
    await Promise.all(
      ofEntity.map((t, i) => t.sse.waitFor(seen[i], timeoutMs)),
    );
  } catch {
    return undefined;
  }
  // `at` is this process's performance.now(): made comparable across processes.
  return (
    performance.timeOrigin +
    Math.max(...ofEntity.map((t, i) => t.sse.events[seen[i]].at))
  );
}

process.on('message', async (command: TabsCommand) => {
  switch (command.op) {
    case 'open':
      tabs = await Promise.all(
        command.entities.map(e =>
          openTab(
            command.base,
            e,
            command.intervalMs,
            command.revalidate,
            command.afterAnswer ?? false,
          ),
        ),
      );
      tabs.filter(t => warm.has(t.entity)).forEach(t => t.start());
      send({ id: command.id });
      break;
    case 'warm':
      warm.add(command.entity);
      tabs.filter(t => t.entity === command.entity).forEach(t => t.start());
      break;
    case 'phase':
      phase = command.phase;
      if (phase === 'quiet') loopDelay.enable();
      else {
        loopDelay.disable();
        samples.quietLoopDelay = {
          p50: loopDelay.percentile(50) / 1e6,
          p99: loopDelay.percentile(99) / 1e6,
          max: loopDelay.max / 1e6,
        };
      }
      break;
    case 'arm': {
      const arrival = armed(command.entity, command.timeoutMs);
      send({ id: command.id });
      send({ id: -command.id, at: await arrival });
      break;
    }
    case 'settle': {
      const deadline = performance.now() + command.timeoutMs;
      const lastEvent = () =>
        Math.max(0, ...tabs.map(t => t.sse.events.at(-1)?.at ?? 0));
      while (
        performance.now() - lastEvent() < command.quietMs &&
        performance.now() < deadline
      ) {
        await new Promise(r => setTimeout(r, 100));
      }
      send({ id: command.id, settled: performance.now() < deadline });
      break;
    }
    case 'stop':
      await Promise.all(tabs.map(t => t.stop()));
      send({ id: command.id, samples });
      process.exit(0);
      break;
    default:
  }
});
