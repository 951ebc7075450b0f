/**
 * The CPU to decode the bench cluster's nodes and DaemonSet pods from protobuf into the kept
 * form, as the first read after a start does it: each sample in a fresh process (V8 has compiled
 * nothing yet), the lists fed in 64 KiB parts as they arrive. `--base <tree>` times another
 * checkout's decoder (e.g. a `git worktree` of an earlier commit inside this repository, for its
 * node_modules) in the same rounds, alternating with this one's; medians of `--rounds`. With
 * `--repeat N` each process decodes its list N times: the first time against the Nth, once V8 has
 * compiled the decoder.
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/decodeTiming.ts --rounds 9 [--base ../.worktrees/base]
 *
 * The lists are fetched once (uncompressed protobuf) into `bench/.results/protobuf/`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { arg, loadAverage, runMain } from '../src/cli';
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

/**
 * One sample, in this (fresh) process: decodes `list` with `tree`'s decoder `repeat` times; the
 * times of the first and the last.
 */
function child(tree: string, list: ListName, repeat: number) {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const messages = require(`${tree}/${PROTOBUF_DIR}/kubernetesMessages`);
  const {
    ListStreamDecoder,
  } = require(`${tree}/${PROTOBUF_DIR}/ListStreamDecoder`);
  /* eslint-enable @typescript-eslint/no-require-imports */
  const bytes = readFileSync(`${DIR}/${list}.pb`);
  const times: Array<{ ms: number; cpuMs: number; items: number }> = [];
  for (let i = 0; i < repeat; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const decoder = new ListStreamDecoder(messages[LISTS[list].decoder]());
    for (let at = 0; at < bytes.length; at += 65536) {
      decoder.push(bytes.subarray(at, at + 65536));
    }
    const decoded = decoder.end();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    times.push({
      ms,
      cpuMs: (used.user + used.system) / 1000,
      items: decoded.items.length,
    });
  }
  console.log(
    JSON.stringify({ ...times[0], lastMs: times[times.length - 1].ms }),
  );
}

async function main() {
  if (process.argv.includes('--child')) {
    child(
      arg('tree', ''),
      arg('list', 'nodes') as ListName,
      Number(arg('repeat', '1')),
    );
    return;
  }
  await fetchLists();
  const rounds = Number(arg('rounds', '9'));
  const repeat = Number(arg('repeat', '1'));
  const base = arg('base', '');
  const trees = { this: resolve(__dirname, '../..') } as Record<string, string>;
  if (base) trees.base = resolve(base);
  const loadStart = loadAverage();
  const samples: Record<
    string,
    { ms: number[]; cpuMs: number[]; lastMs: number[] }
  > = {};
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
            '--repeat',
            String(repeat),
          ],
          { encoding: 'utf8' },
        );
        const sample = JSON.parse(out.trim().split('\n').pop()!);
        const key = `${list} ${name}`;
        samples[key] ??= { ms: [], cpuMs: [], lastMs: [] };
        samples[key].ms.push(sample.ms);
        samples[key].lastMs.push(sample.lastMs);
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
        ...(repeat > 1 && { lastOfRepeatMs: Math.round(median(s.lastMs)) }),
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

runMain(main);
