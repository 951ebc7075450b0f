/**
 * Typed client lists (client-node's `ObjectSerializer`: model classes, `Date`s) versus plain JSON
 * lists (`listCollection` of the backend plugin) versus watch events, on a local cluster: time of
 * the first list in a fresh process (cold), of later lists (warm), and the heap the listed items
 * retain. Every sample runs in its own child process; modes alternate within a round.
 *
 *   node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
 *     bench/scripts/listTiming.ts --home .cluster-lists --selector app=list-agent --rounds 5
 */
import {
  CoreV1Api,
  KubeConfig,
  KubernetesObject,
  Watch,
} from '@kubernetes/client-node';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { arg } from '../src/cli';
// listCollection is internal to the backend's watch layer; this script times it alone.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { listCollection } from '../../plugins/daemonset-backend/src/watch/listCollection';

const MODES = [
  'typed-pods',
  'raw-pods',
  'watch-pods',
  'typed-nodes',
  'raw-nodes',
] as const;
type Mode = (typeof MODES)[number];

interface Sample {
  mode: Mode;
  count: number;
  coldMs: number;
  warmMs: number[];
  retainedMiB: number;
  shape: Record<string, unknown>;
}

declare const gc: () => void;

const home = resolve(arg('home', '.cluster-lists'));
const namespace = arg('namespace', 'default');
const selector = arg('selector', 'app=list-agent');
const rounds = Number(arg('rounds', '5'));
const warmRuns = Number(arg('warm', '3'));

function heap(): number {
  for (let i = 0; i < 3; i++) gc();
  return process.memoryUsage().heapUsed;
}

async function watchAll(
  kc: KubeConfig,
  path: string,
  expected: number,
): Promise<KubernetesObject[]> {
  const seen = new Map<string, KubernetesObject>();
  let controller: AbortController | undefined;
  await new Promise<void>((ok, fail) => {
    void new Watch(kc)
      .watch(
        path,
        { labelSelector: selector },
        (phase, obj: KubernetesObject) => {
          if (phase !== 'ADDED' && phase !== 'MODIFIED') return;
          seen.set(obj.metadata!.name!, obj);
          if (seen.size >= expected) ok();
        },
        err => (err ? fail(err) : ok()),
      )
      .then(c => (controller = c));
  });
  controller?.abort();
  const objects = [...seen.values()];
  seen.clear(); // the watch's callback (and so `seen`) lives on until its socket is gone
  return objects;
}

function shapeOf(item: any): Record<string, unknown> {
  const keys = (o: any) => (o ? Object.keys(o).length : 0);
  return {
    class: item?.constructor?.name,
    kind: item?.kind,
    creationTimestamp: Object.prototype.toString.call(
      item?.metadata?.creationTimestamp,
    ),
    topKeys: keys(item),
    metadataKeys: keys(item?.metadata),
    metadataUndefinedKeys: Object.values(item?.metadata ?? {}).filter(
      v => v === undefined,
    ).length,
    specKeys: keys(item?.spec),
    specUndefinedKeys: Object.values(item?.spec ?? {}).filter(
      v => v === undefined,
    ).length,
    statusKeys: keys(item?.status),
    managedFields: Array.isArray(item?.metadata?.managedFields),
  };
}

async function child(mode: Mode): Promise<Sample> {
  const kc = new KubeConfig();
  kc.loadFromFile(`${home}/kubeconfig`);
  const core = kc.makeApiClient(CoreV1Api);
  const podsPath = `/api/v1/namespaces/${namespace}/pods`;
  const count = (
    await listCollection(kc, podsPath, {
      labelSelector: selector,
      signal: new AbortController().signal,
    })
  ).items.length;
  const once = async (): Promise<KubernetesObject[]> => {
    const signal = new AbortController().signal;
    switch (mode) {
      case 'typed-pods':
        return (
          await core.listNamespacedPod({ namespace, labelSelector: selector })
        ).items;
      case 'raw-pods':
        return (
          await listCollection(kc, podsPath, {
            labelSelector: selector,
            signal,
          })
        ).items;
      case 'watch-pods':
        return watchAll(kc, podsPath, count);
      case 'typed-nodes':
        return (await core.listNode({})).items;
      case 'raw-nodes':
        return (await listCollection(kc, '/api/v1/nodes', { signal })).items;
      default:
        throw new Error(mode);
    }
  };
  let start = performance.now();
  let items: KubernetesObject[] | undefined = await once();
  const coldMs = performance.now() - start;
  const withItems = heap();
  const n = items.length;
  const shape = shapeOf(items[0]);
  items = undefined;
  // Let the awaited promise that still points at the items go out of reach first.
  await new Promise(ok => setImmediate(ok));
  const retainedMiB = (withItems - heap()) / 2 ** 20;
  const warmMs: number[] = [];
  for (let i = 0; i < warmRuns; i++) {
    start = performance.now();
    await once();
    warmMs.push(performance.now() - start);
  }
  return { mode, count: n, coldMs, warmMs, retainedMiB, shape };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

async function main() {
  const only = arg('child', '');
  if (only) {
    process.stdout.write(JSON.stringify(await child(only as Mode)));
    return;
  }
  const modes = arg('modes', MODES.join(',')).split(',') as Mode[];
  const samples: Sample[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const mode of modes) {
      const out = execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          process.argv[1],
          ...process.argv.slice(2),
          '--child',
          mode,
        ],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      );
      const sample = JSON.parse(out) as Sample;
      samples.push(sample);
      process.stderr.write(
        `round ${r + 1} ${mode}: ${
          sample.count
        } items, cold ${sample.coldMs.toFixed(0)} ms, ` +
          `warm ${sample.warmMs
            .map(m => m.toFixed(0))
            .join('/')} ms, retained ${sample.retainedMiB.toFixed(2)} MiB\n`,
      );
    }
  }
  console.log(
    '| mode | items | cold list ms (median) | warm list ms (median) | retained MiB (median) | per 1000 items MiB |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const mode of modes) {
    const of = samples.filter(s => s.mode === mode);
    const retained = median(of.map(s => s.retainedMiB));
    console.log(
      `| ${mode} | ${of[0].count} | ${median(of.map(s => s.coldMs)).toFixed(
        0,
      )} | ` +
        `${median(of.flatMap(s => s.warmMs)).toFixed(0)} | ${retained.toFixed(
          2,
        )} | ` +
        `${((retained / of[0].count) * 1000).toFixed(2)} |`,
    );
  }
  for (const mode of modes) {
    console.log(
      mode,
      JSON.stringify(samples.find(s => s.mode === mode)!.shape),
    );
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
