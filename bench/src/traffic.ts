import { eventsUrl, referenceRequest } from './backend';
import { Kube } from './cluster';
import { call, openSse } from './httpClient';
import { CountingProxy, TrafficCount } from './proxy';
import {
  daemonSetCounts,
  deletePod,
  rollImage,
  runningPodNames,
  waitRolledOut,
} from './workload';

/** The Kubernetes plugin frontend's default refresh (`useKubernetesObjects`, `intervalMs = 10000`). */
export const REFERENCE_REFRESH_MS = 10_000;

/**
 * What the pods do during a traffic window. `rollout`: image changed at +2 s, the DaemonSet
 * replaces 20 % of its pods at a time (every pod is replaced within the window at 100 and 1000
 * nodes); `churn`: from +2 s running pods are deleted one by one, evenly spread, 3 % of the
 * fleet per minute (30 pods a minute at 1000 nodes: a paced rolling update or a node rotation);
 * `quiet`: no change.
 */
export type Scenario = 'rollout' | 'churn' | 'quiet';

/** All scenarios, in the order the report lists them. */
export const SCENARIOS: readonly Scenario[] = ['rollout', 'churn', 'quiet'];

/** API-server traffic caused by `tabs` open tabs during one window. */
export interface TrafficResult extends TrafficCount {
  tabs: number;
  scenario: Scenario;
  windowMs: number;
  /** Answers the tabs got: SSE events (this plugin) or poll responses (reference). */
  answers: number;
  /** Pods replaced in the window: on the new revision at its end (`rollout`), or deleted (`churn`). */
  podsReplaced?: number;
}

/** Share of the fleet's pods the `churn` scenario replaces per minute. */
export const CHURN_SHARE_PER_MINUTE = 0.03;

/**
 * Starts deleting running pods of the DaemonSet one at a time, {@link CHURN_SHARE_PER_MINUTE}
 * of them per minute (the controller re-creates each); returns a function that stops and says how
 * many were deleted.
 */
async function startChurn(kube: Kube): Promise<() => Promise<number>> {
  const victims = await runningPodNames(kube);
  const { desired } = await daemonSetCounts(kube);
  const periodMs = 60_000 / Math.max(1, desired * CHURN_SHARE_PER_MINUTE);
  let deleted = 0;
  let pending = Promise.resolve();
  const timer = setInterval(() => {
    const name = victims.shift();
    if (!name) return;
    pending = pending.then(() =>
      deletePod(kube, name).then(
        () => void deleted++,
        () => undefined,
      ),
    );
  }, periodMs);
  return async () => {
    clearInterval(timer);
    await pending;
    return deleted;
  };
}

/** One traffic window: where to count, what changes, how many tabs for how long. */
export interface TrafficWindow {
  proxy: CountingProxy;
  kube: Kube;
  tabs: number;
  windowMs: number;
  scenario: Scenario;
  /** The new image of the `rollout` scenario. */
  image?: string;
}

/**
 * Common shape of one window: count from opening the tabs, start the scenario's changes at
 * +2 s, close the tabs at the end.
 */
async function measureWindow(
  w: TrafficWindow,
  open: () => Promise<{ close(): Promise<number> | number }>,
): Promise<TrafficResult> {
  const { proxy, kube, scenario, image, windowMs, tabs: tabCount } = w;
  proxy.reset();
  const started = Date.now();
  const tabs = await open();
  await new Promise(r =>
    setTimeout(r, Math.max(0, started + 2000 - Date.now())),
  );
  let stopChurn: (() => Promise<number>) | undefined;
  if (scenario === 'rollout' && image) await rollImage(kube, image);
  if (scenario === 'churn') stopChurn = await startChurn(kube);
  await new Promise(r =>
    setTimeout(r, Math.max(0, started + windowMs - Date.now())),
  );
  const counted = proxy.reset();
  const answers = await tabs.close();
  let podsReplaced = 0;
  if (stopChurn) podsReplaced = await stopChurn();
  if (scenario === 'rollout')
    podsReplaced = (await daemonSetCounts(kube)).updated;
  return {
    tabs: tabCount,
    scenario,
    windowMs,
    ...counted,
    answers,
    podsReplaced,
  };
}

/**
 * This plugin: `tabs` SSE connections held open for `windowMs` while the DaemonSet rolls.
 * The count starts before the first connection, so it includes opening the watches.
 */
export function pluginTraffic(
  base: string,
  w: TrafficWindow,
): Promise<TrafficResult> {
  return measureWindow(w, async () => {
    const clients = await Promise.all(
      Array.from({ length: w.tabs }, () => openSse(eventsUrl(base))),
    );
    return {
      close() {
        clients.forEach(c => c.close());
        return clients.reduce((n, c) => n + c.events.length, 0);
      },
    };
  });
}

/**
 * The reference: `tabs` clients each polling the Kubernetes plugin every 10 s (first poll when
 * the tab opens; tabs opened evenly spread over the first interval), for `windowMs`.
 */
export function referenceTraffic(
  base: string,
  w: TrafficWindow,
): Promise<TrafficResult> {
  const { url, body } = referenceRequest(base);
  return measureWindow(w, async () => {
    let answers = 0;
    let open = true;
    const inFlight = new Set<Promise<unknown>>();
    const timers: NodeJS.Timeout[] = [];
    const poll = () => {
      if (!open) return;
      const p = call(url, 'POST', body).then(
        () => void answers++,
        () => undefined,
      );
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
    };
    for (let i = 0; i < w.tabs; i++) {
      const offset = (i * REFERENCE_REFRESH_MS) / w.tabs;
      timers.push(
        setTimeout(() => {
          poll();
          timers.push(setInterval(poll, REFERENCE_REFRESH_MS));
        }, offset),
      );
    }
    return {
      async close() {
        open = false;
        timers.forEach(t => clearTimeout(t));
        await Promise.all(inFlight);
        return answers;
      },
    };
  });
}

/** Waits for the rollout and for this plugin's idle watches to stop, then drops the count. */
export async function settle(
  proxy: CountingProxy,
  kube: Kube,
  log: (m: string) => void,
): Promise<void> {
  await waitRolledOut(kube, 600_000, log);
  await new Promise(r => setTimeout(r, 9000)); // idle timeout 5 s + sweep period 2.5 s
  proxy.reset();
}
