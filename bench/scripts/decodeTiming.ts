/**
 * The CPU to decode the bench cluster's nodes and DaemonSet pods from protobuf into the kept
 * form, as the first read after a start does it: each sample in a fresh process (V8 has compiled
 * nothing yet), the lists fed in 64 KiB parts as they arrive. `--base <tree>` times another
 * checkout's decoder (e.g. a `git worktree` of an earlier commit inside this repository, for its
 * node_modules) in the same rounds, alternating with this one's; medians of `--rounds`.
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/decodeTiming.ts --rounds 9 [--base ../.worktrees/base]
 *
 * The lists are fetched once (uncompressed protobuf) into `bench/.results/protobuf/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, loadAverage } from '../src/cli';
import { Kube, readBenchCluster } from '../src/cluster';
import { median } from '../src/stats';

const LISTS = {
  nodes: { path: '/api/v1/nodes', decoder: 'nodeDecoder' },
  pods: {
    path: '/api/v1/pods?labelSelector=controller-revision-hash',
    decoder: 'podDecoder',
  },
} as const;
type ListName = keyof typeof LISTS;

const DIR = resolve(__dirname, '../.results/protobuf');
const PROTOBUF_DIR = 'plugins/daemonset-backend/src/watch/protobuf';

async function fetchLists(): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const kube = new Kube(readBenchCluster());
  try {
    for (const [name, { path }] of Object.entries(LISTS)) {
      const file = `${DIR}/${name}.pb`;
      if (existsSync(file)) continue;
      const answer = await kube.request('GET', path, undefined, {
        accept: 'application/vnd.kubernetes.protobuf',
      });
      if (answer.status !== 200) throw new Error(`${path}: ${answer.status}`);
      writeFileSync(file, answer.body);
    }
  } finally {
    kube.close();
  }
}

/** One sample, in this (fresh) process: decodes `list` with `tree`'s decoder once. */
function child(tree: string, list: ListName) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const messages = require(`${tree}/${PROTOBUF_DIR}/kubernetesMessages`);
  const {
    ListStreamDecoder,
  } = require(`${tree}/${PROTOBUF_DIR}/ListStreamDecoder`);
  /* eslint-enable @typescript-eslint/no-require-imports */
  const bytes = readFileSync(`${DIR}/${list}.pb`);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const decoder = new ListStreamDecoder(messages[LISTS[list].decoder]());
  for (let at = 0; at < bytes.length; at += 65536) {
    decoder.push(bytes.subarray(at, at + 65536));
  }
  const decoded = decoder.end();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  console.log(
    JSON.stringify({
      ms,
      cpuMs: (used.user + used.system) / 1000,
      items: decoded.items.length,
    }),
  );
}

async function main() {
  if (process.argv.includes('--child')) {
    child(arg('tree', ''), arg('list', 'nodes') as ListName);
    return;
  }
  await fetchLists();
  const rounds = Number(arg('rounds', '9'));
  const base = arg('base', '');
  const trees = { this: resolve(__dirname, '../..') } as Record<string, string>;
  if (base) trees.base = resolve(base);
  const loadStart = loadAverage();
  const samples: Record<string, { ms: number[]; cpuMs: number[] }> = {};
  let items: Record<string, number> = {};
  for (let round = 0; round < rounds; round++) {
    for (const list of Object.keys(LISTS)) {
      // Which tree goes first alternates with the round.
      const order = Object.entries(trees);
      if (round % 2) order.reverse();
      for (const [name, tree] of order) {
        const out = execFileSync(
          process.execPath,
          [
            '--require',
            '@backstage/cli-node/config/nodeTransform.cjs',
            __filename,
            '--child',
            '--tree',
            tree,
            '--list',
            list,
          ],
          { encoding: 'utf8' },
        );
        const sample = JSON.parse(out.trim().split('\n').pop()!);
        const key = `${list} ${name}`;
        samples[key] ??= { ms: [], cpuMs: [] };
        samples[key].ms.push(sample.ms);
        samples[key].cpuMs.push(sample.cpuMs);
        items = { ...items, [list]: sample.items };
      }
    }
  }
  const summary = Object.fromEntries(
    Object.entries(samples).map(([key, s]) => [
      key,
      {
        medianMs: Math.round(median(s.ms)),
        minMs: Math.round(Math.min(...s.ms)),
        maxMs: Math.round(Math.max(...s.ms)),
        cpuMs: Math.round(median(s.cpuMs)),
      },
    ]),
  );
  console.log(
    JSON.stringify(
      { rounds, items, loadStart, loadEnd: loadAverage(), summary },
      null,
      2,
    ),
  );
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
