/**
 * `yarn workspace @daemonsets/bench bench:placement`: the wizard's placement preview
 * (`POST /api/daemonset/clusters/:cluster/placement`) answered warm from the shared node cache,
 * next to the floor (a raw `GET /api/v1/nodes` from the API server) in the same run, on the
 * bench cluster (`.cluster-bench/`, ports +1000) at each fleet size; writes the "Placement
 * preview" section of docs/benchmarks.md.
 *
 * Options: `--nodes 1000,5000` `--rounds 40` (each: one floor LIST, then 5 previews)
 * `--keep-up` (leave the bench cluster running) `--report-only`.
 */
import {
  parsePlacementInput,
  previewPlacement,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startBenchBackend } from './backend';
import { upBenchCluster } from './benchUp';
import {
  clusterCli,
  Kube,
  readBenchCluster,
  REPO_ROOT,
  reuseSharedBinaries,
} from './cluster';
import { call } from './httpClient';
import { arg, flag, logger } from './cli';
import { RESULTS_DIR } from './results';
import { ms, since, summarize, Summary } from './stats';

const log = logger('placement');
const load = () => loadavg().map(l => Number(l.toFixed(2)));

/** A form as the wizard sends it at the scheduling step: selector, toleration, requests. */
const FORM = {
  name: 'bench-agent',
  namespace: 'default',
  containers: [
    {
      name: 'agent',
      image: 'example.com/agent',
      tag: '1.0',
      resources: { requests: { cpu: '100m', memory: '128Mi' } },
    },
  ],
  scheduling: {
    nodeSelector: { disktype: 'ssd' },
    tolerations: [
      {
        key: 'dedicated',
        operator: 'Equal',
        value: 'infra',
        effect: 'NoSchedule',
      },
    ],
  },
};

interface PlacementResult {
  nodes: number;
  date: string;
  command: string;
  loadStart: number[];
  loadEnd: number[];
  /** From the first request until the first 200 (the node cache's first list included). */
  coldMs: number;
  preview: Summary;
  previewBytes: number;
  eligibleNodes: number;
  excludedGroups: number;
  /** `GET /api/v1/nodes` with gzip, straight to the API server. */
  floor: Summary;
  floorBytes: number;
  /** `previewPlacement` alone, in this process, on the listed nodes. */
  compute: Summary;
}

const resultPath = (nodes: number) =>
  join(RESULTS_DIR, `placement-${nodes}.json`);

async function measure(
  nodes: number,
  rounds: number,
): Promise<PlacementResult> {
  log(`fleet ${nodes}: bench cluster up`);
  reuseSharedBinaries();
  await upBenchCluster(nodes, log);
  const cluster = readBenchCluster();
  const kube = new Kube(cluster);
  const backend = await startBenchBackend(cluster, cluster.server);
  const url = `${backend.baseUrl}/api/daemonset/clusters/bench/placement`;
  const preview = () => call(url, 'POST', { input: FORM });
  try {
    const loadStart = load();
    const coldStart = performance.now();
    let first = await preview();
    // 503 until the node cache's first list is done (the first request waits 3 s at most).
    while (first.status === 503) {
      await new Promise(r => setTimeout(r, 100));
      first = await preview();
    }
    const coldMs = since(coldStart);
    if (first.status !== 200) {
      throw new Error(`placement: ${first.status} ${first.body}`);
    }
    const answer = JSON.parse(first.body);
    log(
      `cold ${ms(coldMs)} ms: ${answer.eligibleNodes}/${
        answer.totalNodes
      } eligible`,
    );
    if (answer.totalNodes !== nodes) {
      throw new Error(
        `expected ${nodes} nodes, the preview saw ${answer.totalNodes}`,
      );
    }

    // Interleaved, so that both see the same load.
    const previews: number[] = [];
    const floors: number[] = [];
    let previewBytes = 0;
    let floorBytes = 0;
    let listed: any[] = [];
    for (let round = 0; round < rounds; round++) {
      const start = performance.now();
      const list = await kube.request('GET', '/api/v1/nodes', undefined, {
        gzip: true,
      });
      floors.push(since(start));
      if (list.status !== 200) throw new Error(`LIST nodes: ${list.status}`);
      floorBytes = list.body.length;
      if (round === 0) {
        listed = JSON.parse(
          (await kube.request('GET', '/api/v1/nodes')).body.toString(),
        ).items;
      }
      for (let i = 0; i < 5; i++) {
        const res = await preview();
        if (res.status !== 200) throw new Error(`placement: ${res.status}`);
        previews.push(res.ms);
        previewBytes = res.bytes;
      }
    }

    const input = parsePlacementInput(FORM).input!;
    const compute: number[] = [];
    for (let i = 0; i < 50; i++) {
      const start = performance.now();
      previewPlacement(listed, input);
      compute.push(since(start));
    }
    return {
      nodes,
      date: new Date().toISOString(),
      command: `yarn workspace @daemonsets/bench bench:placement ${process.argv
        .slice(2)
        .join(' ')}`.trim(),
      loadStart,
      loadEnd: load(),
      coldMs,
      preview: summarize(previews),
      previewBytes,
      eligibleNodes: answer.eligibleNodes,
      excludedGroups: answer.excluded.length,
      floor: summarize(floors),
      floorBytes,
      compute: summarize(compute),
    };
  } finally {
    await backend.stop();
    kube.close();
  }
}

const BEGIN = '<!-- generated by `bench:placement`: rewritten on every run -->';
const END = '<!-- end placement -->';

function table(results: PlacementResult[]): string[] {
  const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;
  return [
    '| Nodes | Preview warm p50 / p99 / max (n) | Preview cold | Answer | Floor: LIST nodes p50 / p99 (n) | Floor answer (gzip) | `previewPlacement` alone p50 / p99 | Eligible, groups | Load 1/5/15 min start → end | Date |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...results.map(
      r =>
        `| ${r.nodes} | ${ms(r.preview.p50)} / ${ms(r.preview.p99)} / ${ms(
          r.preview.max,
        )} ms (${r.preview.n}) | ${ms(r.coldMs)} ms | ${kib(
          r.previewBytes,
        )} | ${ms(r.floor.p50)} / ${ms(r.floor.p99)} ms (${r.floor.n}) | ${kib(
          r.floorBytes,
        )} | ${ms(r.compute.p50)} / ${ms(r.compute.p99)} ms | ${
          r.eligibleNodes
        }, ${r.excludedGroups} | ${r.loadStart.join(' ')} → ${r.loadEnd.join(
          ' ',
        )} | ${r.date.slice(0, 16)} |`,
    ),
  ];
}

function writeSection(): void {
  const results = readdirSync(RESULTS_DIR)
    .filter(f => /^placement-\d+\.json$/.test(f))
    .map(f => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')))
    .sort((a: PlacementResult, b: PlacementResult) => a.nodes - b.nodes);
  const generated = [
    BEGIN,
    '',
    `Runs: ${results
      .map(r => `${r.nodes} nodes on ${r.date} (\`${r.command}\`)`)
      .join('; ')}.`,
    '',
    ...table(results),
    '',
    END,
  ].join('\n');
  const path = join(REPO_ROOT, 'docs', 'benchmarks.md');
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const from = current.indexOf(BEGIN);
  const to = current.indexOf(END);
  if (from < 0 || to < from) {
    throw new Error(
      `docs/benchmarks.md has no placement markers (${BEGIN} ... ${END})`,
    );
  }
  writeFileSync(
    path,
    current.slice(0, from) + generated + current.slice(to + END.length),
  );
  // The repo checks docs with prettier, which aligns the table's columns.
  execFileSync('yarn', ['prettier', '--write', path], { cwd: REPO_ROOT });
}

async function main() {
  if (!flag('report-only')) {
    const rounds = Number(arg('rounds', '40'));
    try {
      for (const nodes of arg('nodes', '1000,5000').split(',').map(Number)) {
        const result = await measure(nodes, rounds);
        writeFileSync(resultPath(nodes), JSON.stringify(result, null, 2));
        log(JSON.stringify(result));
      }
    } finally {
      if (!flag('keep-up')) {
        log('bench cluster down');
        await clusterCli(['down']);
      }
    }
  }
  writeSection();
  log('docs/benchmarks.md: "Placement preview" rewritten');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
