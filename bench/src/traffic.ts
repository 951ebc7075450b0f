import { eventsUrl, referenceRequest } from './backend';
import { Kube } from './cluster';
import { call, openSse } from './httpClient';
import { CountingProxy, TrafficCount } from './proxy';
import { rollImage, waitRolledOut } from './workload';

/** The Kubernetes plugin frontend's default refresh (`useKubernetesObjects`, `intervalMs = 10000`). */
export const REFERENCE_REFRESH_MS = 10_000;

/** `rollout`: every pod replaced during the window (image change at +2 s); `quiet`: no change. */
export type Scenario = 'rollout' | 'quiet';

/** API-server traffic caused by `tabs` open tabs during one window. */
export interface TrafficResult extends TrafficCount {
  tabs: number;
  scenario: Scenario;
  windowMs: number;
  /** Answers the tabs got: SSE events (this plugin) or poll responses (reference). */
  answers: number;
}

/** Common shape of one window: count from opening the tabs, roll the image at +2 s (unless no `image`), close. */
async function window(
  proxy: CountingProxy,
  kube: Kube,
  image: string | undefined,
  windowMs: number,
  open: () => Promise<{ close(): Promise<number> | number }>,
): Promise<TrafficCount & { answers: number }> {
  proxy.reset();
  const started = Date.now();
  const tabs = await open();
  await new Promise(r =>
    setTimeout(r, Math.max(0, started + 2000 - Date.now())),
  );
  if (image) await rollImage(kube, image);
  await new Promise(r =>
    setTimeout(r, Math.max(0, started + windowMs - Date.now())),
  );
  const counted = proxy.reset();
  const answers = await tabs.close();
  return { ...counted, answers };
}

/**
 * This plugin: `tabs` SSE connections held open for `windowMs` while the DaemonSet rolls.
 * The count starts before the first connection, so it includes opening the watches.
 */
export async function pluginTraffic(
  base: string,
  proxy: CountingProxy,
  kube: Kube,
  tabs: number,
  windowMs: number,
  image: string | undefined,
): Promise<TrafficResult> {
  const result = await window(proxy, kube, image, windowMs, async () => {
    const clients = await Promise.all(
      Array.from({ length: tabs }, () => openSse(eventsUrl(base))),
    );
    return {
      close() {
        clients.forEach(c => c.close());
        return clients.reduce((n, c) => n + c.events.length, 0);
      },
    };
  });
  return { tabs, scenario: image ? 'rollout' : 'quiet', windowMs, ...result };
}

/**
 * The reference: `tabs` clients each polling the Kubernetes plugin every 10 s (first poll when
 * the tab opens; tabs opened evenly spread over the first interval), for `windowMs`.
 */
export async function referenceTraffic(
  base: string,
  proxy: CountingProxy,
  kube: Kube,
  tabs: number,
  windowMs: number,
  image: string | undefined,
): Promise<TrafficResult> {
  const { url, body } = referenceRequest(base);
  const result = await window(proxy, kube, image, windowMs, async () => {
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
    for (let i = 0; i < tabs; i++) {
      const offset = (i * REFERENCE_REFRESH_MS) / tabs;
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
  return { tabs, scenario: image ? 'rollout' : 'quiet', windowMs, ...result };
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
