import { eventsUrl } from './backend';
import { Kube } from './cluster';
import { openSse } from './httpClient';
import { summarize, Summary } from './stats';
import { deletePod, runningPodNames } from './workload';

/**
 * Live update latency: deletes one running pod of the DaemonSet `changes` times and measures,
 * on a connected SSE client, the time from the DELETE call until the next `status` event.
 * Waits `gapMs` between changes so each event belongs to one change.
 */
export async function liveUpdateLatency(
  base: string,
  kube: Kube,
  changes: number,
  gapMs = 2000,
): Promise<Summary> {
  const opened = performance.now();
  const sse = await openSse(eventsUrl(base));
  try {
    await sse.waitFor(0, 120_000).catch(e => {
      throw new Error(
        `no snapshot ${Math.round(
          performance.now() - opened,
        )} ms after opening the live channel (headers came): ${e}`,
      );
    });
    await new Promise(r => setTimeout(r, gapMs));
    const pods = await runningPodNames(kube);
    const samples: number[] = [];
    for (let i = 0; i < changes; i++) {
      const seen = sse.events.length;
      const start = performance.now();
      await deletePod(kube, pods[(i * 7919) % pods.length]);
      await sse.waitFor(seen, 30_000);
      samples.push(sse.events[seen].at - start);
      await new Promise(r => setTimeout(r, gapMs));
    }
    return summarize(samples);
  } finally {
    sse.close();
  }
}
