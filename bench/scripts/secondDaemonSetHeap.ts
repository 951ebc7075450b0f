/**
 * What one more watched DaemonSet of an entity costs in backend heap, and what retains it: starts
 * the bench backend against a local cluster, creates DaemonSet A (tolerating everything), reads
 * the status until complete, forces GC and samples the heap (and writes a heap snapshot), then
 * does the same for DaemonSets B (and C, ...) of the same entity. Compare the snapshots with
 * `bench/scripts/heapDiff.ts`.
 *
 *   CLUSTER_HOME=.cluster-lists cd bench && node --expose-gc \
 *     --require @backstage/cli-node/config/nodeTransform.cjs scripts/secondDaemonSetHeap.ts \
 *     --count 3 [--sse] [--keep-reading] [--snapshots /tmp/heap] [--keep]
 *
 * `--sse` keeps a live-channel subscriber (`events?patches=true`) open throughout;
 * `--keep-reading` reads the status every 2 s while a DaemonSet rolls out, so that the view is
 * never evicted (the bench does not: its view idles out after 5 s and is re-created). Without
 * `--keep`, the DaemonSets are deleted at the end.
 */
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { join, resolve } from 'node:path';
import v8 from 'node:v8';
import { eventsUrl, startBenchBackend, statusUrl } from '../src/backend';
import { BENCH_CLUSTER_ENV, Kube, readBenchCluster } from '../src/cluster';
import { call } from '../src/httpClient';
import { mib, sampleMemory } from '../src/memory';
import {
  BENCH_APP,
  BENCH_NAMESPACE,
  deleteDaemonSet,
  ensureDaemonSet,
  waitRolledOut,
} from '../src/workload';
import { arg, flag, logger, runMain } from '../src/cli';

const log = logger('heap');

const count = Number(arg('count', '2'));
const snapshotDir = arg('snapshots', '');
const names = Array.from({ length: count }, (_, i) =>
  i === 0 ? BENCH_APP : `${BENCH_APP}-${String.fromCharCode(97 + i)}`,
);

async function reported(base: string): Promise<any[]> {
  const res = await call(statusUrl(base));
  const status = JSON.parse(res.body);
  return status.clusters.flatMap((c: any) =>
    c.error ? [] : c.daemonSets ?? [],
  );
}

async function podCount(kube: Kube, name: string): Promise<number> {
  const list = await kube.json(
    'GET',
    `/api/v1/namespaces/${BENCH_NAMESPACE}/pods?labelSelector=app%3D${name}&limit=1`,
  );
  return (list.metadata?.remainingItemCount ?? 0) + (list.items?.length ?? 0);
}

/**
 * Deletes leftovers of an earlier run and waits until their pods are gone; pods left terminating
 * on NotReady nodes (no kubelet confirms their end) are deleted at once (grace period 0).
 */
async function cleanUp(kube: Kube): Promise<void> {
  for (const name of names) {
    await kube.request(
      'DELETE',
      `/apis/apps/v1/namespaces/${BENCH_NAMESPACE}/daemonsets/${name}`,
    );
  }
  for (const name of names) {
    for (let left = await podCount(kube, name); left > 0; ) {
      log(`  waiting for ${left} pods of ${name} to go`);
      await kube.request(
        'DELETE',
        `/api/v1/namespaces/${BENCH_NAMESPACE}/pods?labelSelector=app%3D${name}&gracePeriodSeconds=0`,
      );
      await new Promise(r => setTimeout(r, 5000));
      left = await podCount(kube, name);
    }
  }
}

/**
 * Reads the status until every DaemonSet in `wanted` reports at least `ready` ok rows; returns
 * their counts as text, not the parsed answer: held in the caller's suspended frame, that
 * client-side copy (a megabyte per 1000 rows) would be counted as the backend's heap.
 */
async function untilReported(
  base: string,
  wanted: Map<string, number>,
): Promise<string> {
  const deadline = Date.now() + 180_000;
  for (;;) {
    const reports = await reported(base);
    const done = [...wanted].every(([name, ready]) =>
      reports.some(r => r.daemonSet.name === name && r.counts.ok >= ready),
    );
    if (done) {
      return reports
        .map(r => `${r.daemonSet.name} ${JSON.stringify(r.counts)}`)
        .join('; ');
    }
    if (Date.now() > deadline) throw new Error('status never complete');
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** A live-channel subscriber that reads and drops every event. */
function subscribe(base: string): { events: () => number; close(): void } {
  let events = 0;
  const req = http.get(eventsUrl(base), res => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      events += chunk.split('\n\n').length - 1;
    });
  });
  req.on('error', () => {});
  return { events: () => events, close: () => req.destroy() };
}

async function measure(label: string) {
  const sample = await sampleMemory();
  const heap = v8.getHeapStatistics();
  let file: string | undefined;
  if (snapshotDir) {
    file = v8.writeHeapSnapshot(join(snapshotDir, `${label}.heapsnapshot`));
    await sampleMemory();
  }
  log(
    `${label}: heapUsed ${mib(sample.heapUsed)} MiB, rss ${mib(
      sample.rss,
    )} MiB, external ${mib(heap.external_memory)} MiB${
      file ? `, snapshot ${file}` : ''
    }`,
  );
  return { label, heapUsedMiB: mib(sample.heapUsed), rssMiB: mib(sample.rss) };
}

async function main() {
  if (!process.env.CLUSTER_HOME) {
    throw new Error('set CLUSTER_HOME (e.g. .cluster-lists), never the bench');
  }
  if (snapshotDir) mkdirSync(resolve(snapshotDir), { recursive: true });
  log(`cluster ${BENCH_CLUSTER_ENV.CLUSTER_HOME}; DaemonSets ${names}`);
  const cluster = readBenchCluster();
  const kube = new Kube(cluster);
  await cleanUp(kube);
  const backend = await startBenchBackend(cluster, cluster.server);
  const results = [];
  let sse: ReturnType<typeof subscribe> | undefined;
  try {
    results.push(await measure('0-empty'));
    const wanted = new Map<string, number>();
    for (const [i, name] of names.entries()) {
      await ensureDaemonSet(kube, name);
      let reading = true;
      const reader = (async () => {
        while (reading && flag('keep-reading')) {
          await reported(backend.baseUrl).catch(() => []);
          await new Promise(r => setTimeout(r, 2000));
        }
      })();
      const counts = await waitRolledOut(kube, 900_000, log, name);
      reading = false;
      await reader;
      wanted.set(name, counts.ready);
      log(`  reported: ${await untilReported(backend.baseUrl, wanted)}`);
      if (flag('sse') && !sse) {
        sse = subscribe(backend.baseUrl);
        await new Promise(r => setTimeout(r, 2000));
      }
      const m = await measure(`${i + 1}-after-${name}`);
      results.push({ ...m, sseEvents: sse?.events() });
    }
    for (let i = 1; i < results.length; i++) {
      log(
        `${results[i].label}: +${
          Math.round(
            (results[i].heapUsedMiB - results[i - 1].heapUsedMiB) * 10,
          ) / 10
        } MiB`,
      );
    }
    console.log(JSON.stringify(results));
  } finally {
    sse?.close();
    await backend.stop();
    if (!flag('keep')) {
      for (const name of names) await deleteDaemonSet(kube, name);
    }
    kube.close();
  }
}

runMain(main);
