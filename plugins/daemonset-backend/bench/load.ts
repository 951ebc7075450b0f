/**
 * Load: one backend with the plugin against the separate local cluster (`.cluster-faults`),
 * `--daemonsets` DaemonSets (one entity each, plus one entity for all of them), `--sse` live SSE
 * connections spread over the entities, then bursts of concurrent status requests at each level of
 * `--concurrency` for `--seconds` each, then a rollout of every DaemonSet while the SSE clients
 * listen. Prints throughput and latencies. Not part of any test command.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/daemonset-backend/bench/load.ts \
 *     --daemonsets 20 --sse 100 --concurrency 50,200,500 --seconds 10
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import {
  flags,
  get,
  openSseCounter,
  percentile,
  SseCounter,
  startBench,
} from './harness';

const opts = flags({
  daemonsets: 20,
  sse: 100,
  concurrency: '50,200,500',
  seconds: 10,
  'cluster-home': '.cluster-faults',
  'port-offset': 2000,
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** The burst client, run in a child process: `concurrency` loops of GETs for `seconds`. */
const BURST_CLIENT = `
const http = require('node:http');
const [urls, concurrency, seconds] = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const latencies = []; let errors = 0; let bytes = 0;
const until = Date.now() + seconds * 1000;
const get = url => new Promise(resolve => {
  const t = process.hrtime.bigint();
  http.get(url, { agent }, res => {
    let n = 0;
    res.on('data', c => (n += c.length));
    res.on('end', () => resolve({ ok: res.statusCode === 200, n, ms: Number(process.hrtime.bigint() - t) / 1e6 }));
    res.on('error', () => resolve({ ok: false }));
  }).on('error', () => resolve({ ok: false }));
});
const started = process.hrtime.bigint();
Promise.all(Array.from({ length: concurrency }, async (_, i) => {
  let k = i;
  while (Date.now() < until) {
    const r = await get(urls[k++ % urls.length]);
    if (r.ok) { latencies.push(r.ms); bytes += r.n; } else errors++;
  }
})).then(() => {
  const s = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const p = q => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] * 100) / 100;
  process.stdout.write(JSON.stringify({ requests: latencies.length, errors, perSecond: Math.round(latencies.length / s),
    mibPerSecond: Math.round(bytes / s / 1048576 * 100) / 100,
    ms: { p50: p(0.5), p90: p(0.9), p99: p(0.99), max: p(1) } }));
  agent.destroy();
});
`;

function burst(
  urls: string[],
  concurrency: number,
  seconds: number,
): Promise<object> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['-e', BURST_CLIENT, JSON.stringify([urls, concurrency, seconds])],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolve(JSON.parse(out))
        : reject(new Error(`burst client exit ${code}`)),
    );
  });
}
const round = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const bench = await startBench({
    cluster: {
      home: opts['cluster-home'],
      portOffset: opts['port-offset'],
      nodes: 10,
    },
    daemonSets: opts.daemonsets,
    prefix: 'load',
  });
  const statusUrl = (e: string) =>
    `${bench.baseUrl}/entity/default/component/${e}/status`;
  const eventsUrl = (e: string) =>
    `${bench.baseUrl}/entity/default/component/${e}/status/stream`;
  const setup = new http.Agent({ keepAlive: true });

  // Wait until every DaemonSet is rolled out (all eligible rows ok).
  const rolledOut = async (image: string) => {
    const deadline = Date.now() + 180_000;
    for (;;) {
      const r = await get(statusUrl(`load-all`), setup);
      const reports = JSON.parse(r.body).clusters[0].daemonSets as Array<{
        daemonSet: { images: string[] };
        nodes: Array<{ verdict: string }>;
      }>;
      const done =
        reports.length === opts.daemonsets &&
        reports.every(
          d =>
            d.daemonSet.images.includes(image) &&
            d.nodes.every(
              n => n.verdict === 'ok' || n.verdict === 'notEligible',
            ),
        );
      if (done) return;
      if (Date.now() > deadline) throw new Error('rollout did not finish');
      await sleep(1000);
    }
  };
  const t0 = Date.now();
  await rolledOut('example.com/agent:1');
  const cold = await get(statusUrl('load-all'), setup);
  const rows = JSON.parse(cold.body).clusters[0].daemonSets.reduce(
    (n: number, d: { nodes: unknown[] }) => n + d.nodes.length,
    0,
  );
  // eslint-disable-next-line no-console
  console.log(
    `${opts.daemonsets} DaemonSets rolled out after ${
      Date.now() - t0
    } ms; load-all: ${rows} rows, ${cold.bytes} bytes`,
  );

  // Live SSE connections.
  const sseStarted = Date.now();
  const clients: SseCounter[] = Array.from({ length: opts.sse }, (_, i) =>
    openSseCounter(eventsUrl(bench.entities[i % bench.entities.length])),
  );
  while (
    clients.some(c => c.events === 0) &&
    Date.now() - sseStarted < 30_000
  ) {
    await sleep(20);
  }
  const firsts = clients
    .map(c => c.firstEventMs ?? Infinity)
    .sort((a, b) => a - b);
  const sseSummary = {
    connections: clients.length,
    snapshotMs: {
      p50: percentile(firsts, 0.5),
      p99: percentile(firsts, 0.99),
      max: firsts[firsts.length - 1],
    },
  };
  // eslint-disable-next-line no-console
  console.log(`SSE: ${JSON.stringify(sseSummary)}`);

  // Status bursts, from a separate process so the client does not share the backend's event loop.
  const results: object[] = [];
  for (const concurrency of String(opts.concurrency).split(',').map(Number)) {
    const result = {
      concurrency,
      ...(await burst(
        bench.entities.map(statusUrl),
        concurrency,
        opts.seconds,
      )),
      sseStillOpen: clients.length,
    };
    results.push(result);
    // eslint-disable-next-line no-console
    console.log(`status burst: ${JSON.stringify(result)}`);
  }

  // A rollout of every DaemonSet while the SSE clients listen: how fast does each client hear?
  const before = clients.map(c => c.events);
  const changedAt = Date.now();
  await Promise.all(
    bench.daemonSets.map(name =>
      bench.apps.patchNamespacedDaemonSet({
        namespace: bench.ns.name,
        name,
        body: [
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/image',
            value: 'example.com/agent:2',
          },
        ],
      }),
    ),
  );
  const heard: number[] = [];
  const seen = new Set<number>();
  while (Date.now() - changedAt < 30_000 && seen.size < clients.length) {
    clients.forEach((c, i) => {
      if (!seen.has(i) && c.events > before[i]) {
        seen.add(i);
        heard.push(Date.now() - changedAt);
      }
    });
    await sleep(5);
  }
  await rolledOut('example.com/agent:2');
  const rolloutMs = Date.now() - changedAt;
  await sleep(1000);
  heard.sort((a, b) => a - b);
  const events = clients.reduce((n, c, i) => n + c.events - before[i], 0);
  const fanOut = {
    clientsThatHeard: heard.length,
    firstEventMs: {
      p50: percentile(heard, 0.5),
      p99: percentile(heard, 0.99),
      max: heard[heard.length - 1],
    },
    rolloutMs,
    eventsDuringRollout: events,
    eventsPerClient: round(events / clients.length),
  };
  // eslint-disable-next-line no-console
  console.log(`rollout fan-out: ${JSON.stringify(fanOut)}`);
  const mem = process.memoryUsage();
  // eslint-disable-next-line no-console
  console.log(
    `summary ${JSON.stringify(
      {
        sse: sseSummary,
        bursts: results,
        fanOut,
        rssMiB: Math.round(mem.rss / 1048576),
        heapMiB: Math.round(mem.heapUsed / 1048576),
      },
      null,
      2,
    )}`,
  );
  clients.forEach(c => c.close());
  setup.destroy();
  await bench.stop();
  process.exit(0);
}

main().catch(e => {
  // eslint-disable-next-line no-console
  console.error(e);
  process.exit(2);
});
