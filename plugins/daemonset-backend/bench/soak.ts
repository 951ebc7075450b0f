/**
 * Soak: one backend with the plugin against the separate local cluster (`.cluster-faults`, ports
 * +2000), for `--minutes` (default 60): SSE clients connecting and disconnecting, status requests,
 * periodic pod churn (rollouts of the DaemonSets) and API server restarts. Every minute it samples
 * RSS, heap (after a GC), open connections to the API server, live views... into a CSV, then
 * prints a summary: flat memory and sockets = OK. Not part of any test command.
 *
 *   node --expose-gc --require @backstage/cli/config/nodeTransform.cjs \
 *     plugins/daemonset-backend/bench/soak.ts --minutes 60 --csv soak.csv
 *
 * Flags: --minutes 60 --clients 20 --daemonsets 5 --churn-seconds 30 --restart-minutes 10
 *        --csv soak-<time>.csv --cluster-home .cluster-faults --port-offset 2000
 */
import http from 'node:http';
import { appendFileSync, writeFileSync } from 'node:fs';
import { runClusterCli } from '@daemonsets/local-cluster/testing';
import { openConnectionsTo } from '../src/__testUtils__/sockets';
import {
  flags,
  get,
  openSseCounter,
  percentile,
  SseCounter,
  startBench,
} from './harness';

const opts = flags({
  minutes: 60,
  clients: 20,
  daemonsets: 5,
  'churn-seconds': 30,
  'restart-minutes': 10,
  csv: `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`,
  'cluster-home': '.cluster-faults',
  'port-offset': 2000,
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
const pick = <T>(items: T[]): T =>
  items[Math.floor(Math.random() * items.length)];
const mib = (n: number) => Math.round((n / 1048576) * 10) / 10;

async function main() {
  const clusterOptions = {
    home: opts['cluster-home'],
    portOffset: opts['port-offset'],
    nodes: 10,
  };
  const bench = await startBench({
    cluster: clusterOptions,
    daemonSets: opts.daemonsets,
    prefix: 'soak',
    // Short idle timeout so views are created and disposed all the time.
    config: { daemonset: { watchIdleTimeout: { seconds: 20 } } },
  });
  const apiPort = Number(new URL(bench.cluster.server).port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 10 });
  const eventsUrl = (e: string) =>
    `${bench.baseUrl}/entity/default/component/${e}/status/stream?patches=true`;
  const statusUrl = (e: string) =>
    `${bench.baseUrl}/entity/default/component/${e}/status`;

  const header =
    'minute,rss_mib,heap_used_mib,external_mib,api_sockets,sse_clients,sse_events,status_ok,status_failed,status_p50_ms,status_p99_ms,churns,restarts,connection,warn_lines,error_lines';
  writeFileSync(opts.csv, `${header}\n`);
  // eslint-disable-next-line no-console
  console.log(
    `soak: ${opts.minutes} min, ${opts.clients} SSE clients, ${bench.entities.length} entities, CSV ${opts.csv}`,
  );

  const started = Date.now();
  const end = started + opts.minutes * 60_000;
  const clients: SseCounter[] = [];
  let eventsOfClosed = 0;
  let ok = 0;
  let failed = 0;
  let churns = 0;
  let restarts = 0;
  let latencies: number[] = [];
  let lastConnection = 'unknown';
  let stopping = false;

  // SSE clients: keep `clients` open, replace one every 2 s.
  const sseLoop = (async () => {
    while (!stopping) {
      while (clients.length < opts.clients) {
        clients.push(openSseCounter(eventsUrl(pick(bench.entities))));
      }
      await sleep(2000);
      const i = Math.floor(Math.random() * clients.length);
      eventsOfClosed += clients[i].events;
      clients[i].close();
      clients.splice(i, 1);
    }
  })();

  // Status requests: 5 per second, random entity.
  const statusLoop = (async () => {
    while (!stopping) {
      try {
        const r = await get(statusUrl(pick(bench.entities)), agent);
        latencies.push(r.ms);
        if (r.status === 200) {
          ok++;
          const c = JSON.parse(r.body).clusters[0]?.connection;
          lastConnection = c?.state ?? 'none';
        } else failed++;
      } catch {
        failed++;
      }
      await sleep(200);
    }
  })();

  // Pod churn: roll a random DaemonSet (every pod replaced), or delete a pod.
  const churnLoop = (async () => {
    while (!stopping) {
      await sleep(opts['churn-seconds'] * 1000);
      if (stopping) break;
      try {
        await bench.apps.patchNamespacedDaemonSet({
          namespace: bench.ns.name,
          name: pick(bench.daemonSets),
          body: [
            {
              op: 'add',
              path: '/spec/template/metadata/annotations',
              value: { 'soak/churn': String(Date.now()) },
            },
          ],
        });
        churns++;
      } catch {
        // the API server may be restarting
      }
    }
  })();

  // API server restarts.
  const restartLoop = (async () => {
    while (!stopping) {
      await sleep(opts['restart-minutes'] * 60_000);
      if (stopping || Date.now() > end - 60_000) break;
      try {
        await runClusterCli(['restart', 'kube-apiserver'], clusterOptions);
        restarts++;
      } catch (e) {
        // eslint-disable-next-line no-console
        console.error(`restart failed: ${(e as Error).message}`);
      }
    }
  })();

  const rows: number[][] = [];
  let minute = 0;
  while (Date.now() < end) {
    await sleep(Math.min(60_000, end - Date.now()));
    minute++;
    (global as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    const sorted = [...latencies].sort((a, b) => a - b);
    latencies = [];
    const sse = eventsOfClosed + clients.reduce((n, c) => n + c.events, 0);
    const row = [
      minute,
      mib(mem.rss),
      mib(mem.heapUsed),
      mib(mem.external),
      openConnectionsTo(apiPort) ?? -1,
      clients.length,
      sse,
      ok,
      failed,
      Math.round(percentile(sorted, 0.5) * 100) / 100,
      Math.round(percentile(sorted, 0.99) * 100) / 100,
      churns,
      restarts,
    ];
    rows.push(row);
    const line = [
      ...row,
      lastConnection,
      bench.logs.counts.warn ?? 0,
      bench.logs.counts.error ?? 0,
    ].join(',');
    appendFileSync(opts.csv, `${line}\n`);
    // eslint-disable-next-line no-console
    console.log(line);
  }

  stopping = true;
  const sseEvents = eventsOfClosed + clients.reduce((n, c) => n + c.events, 0);
  clients.forEach(c => c.close());
  await Promise.race([
    Promise.all([sseLoop, statusLoop, churnLoop]),
    sleep(5000),
  ]);
  void restartLoop;

  // Summary: compare the first and the last third (minute 1 is warm-up).
  const body = rows.slice(1);
  const third = Math.max(1, Math.floor(body.length / 3));
  const avg = (rs: number[][], col: number) =>
    rs.reduce((n, r) => n + r[col], 0) / rs.length;
  const growth = (col: number) => {
    const a = avg(body.slice(0, third), col);
    const b = avg(body.slice(-third), col);
    return { first: Math.round(a * 10) / 10, last: Math.round(b * 10) / 10 };
  };
  const heap = growth(2);
  const rss = growth(1);
  const sockets = growth(4);
  const flat =
    heap.last <= heap.first * 1.2 + 5 &&
    rss.last <= rss.first * 1.2 + 20 &&
    sockets.last <= sockets.first + 2;
  const summary = {
    minutes: opts.minutes,
    heapUsedMiB: heap,
    rssMiB: rss,
    apiServerSockets: sockets,
    statusOk: ok,
    statusFailed: failed,
    sseEvents,
    churns,
    restarts,
    warnLines: bench.logs.counts.warn ?? 0,
    errorLines: bench.logs.counts.error ?? 0,
    verdict: flat ? 'flat (OK)' : 'GROWING: check the CSV',
  };
  // eslint-disable-next-line no-console
  console.log(`summary ${JSON.stringify(summary, null, 2)}`);
  writeFileSync(
    `${opts.csv.replace(/\.csv$/, '')}.summary.json`,
    `${JSON.stringify(summary, null, 2)}\n`,
  );
  agent.destroy();
  await bench.stop();
  process.exit(flat ? 0 : 1);
}

main().catch(e => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(2);
});
