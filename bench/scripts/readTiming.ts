/**
 * How long the backend's watch layer takes to read the bench cluster's nodes and DaemonSet pods
 * (label `controller-revision-hash`) into its caches' kept form, request to last object: as a
 * WatchList and as a LIST, in protobuf (decoded into the kept fields) and in JSON (parsed,
 * managedFields cut, trimmed). The ways alternate within each round; medians of `--rounds`, with
 * the backend's process CPU time per read (the rest is the API server and the wire).
 *
 *   cd bench && node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/readTiming.ts --rounds 7
 */
import { KubeConfig } from '@kubernetes/client-node';
// The watch layer's internals, timed alone; the backend exports no API.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { listCollection } from '../../plugins/daemonset-backend/src/watch/listCollection';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { watchListCollection } from '../../plugins/daemonset-backend/src/watch/watchListCollection';
/* eslint-disable @backstage/no-relative-monorepo-imports */
import {
  nodeDecoder,
  podDecoder,
} from '../../plugins/daemonset-backend/src/watch/protobuf/kubernetesMessages';
import {
  NODE_FIELDS,
  podTrim,
  trimTo,
} from '../../plugins/daemonset-backend/src/watch/trim';
/* eslint-enable @backstage/no-relative-monorepo-imports */
import { arg, loadAverage, runMain } from '../src/cli';
import { readBenchCluster } from '../src/cluster';
import { median } from '../src/stats';
import { cpuSnapshot } from '../src/processCpu';

const rounds = Number(arg('rounds', '7'));

/** CPU time the bench cluster's API server has used so far (it serves, encodes, compresses). */
function apiServerCpuMs(): number {
  let ms = 0;
  for (const { name, ms: used } of cpuSnapshot().byPid.values()) {
    if (name === 'kube-apiserver') ms += used;
  }
  return ms;
}

function kubeConfigOf(cluster: ReturnType<typeof readBenchCluster>) {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: 'bench',
        server: cluster.server,
        caData: cluster.caPem.toString('base64'),
      },
    ],
    users: [{ name: 'admin', token: cluster.adminToken }],
    contexts: [{ name: 'bench', cluster: 'bench', user: 'admin' }],
    currentContext: 'bench',
  });
  return kubeConfig;
}

async function main() {
  const kubeConfig = kubeConfigOf(readBenchCluster());
  const collections = {
    nodes: {
      path: '/api/v1/nodes',
      labelSelector: undefined,
      trim: () => trimTo<any>(NODE_FIELDS),
      decoder: nodeDecoder,
    },
    pods: {
      path: '/api/v1/pods',
      labelSelector: 'controller-revision-hash',
      trim: () => podTrim<any>(),
      decoder: podDecoder,
    },
  };
  const ways = [
    'watchlist-protobuf',
    'list-protobuf',
    'list-protobuf-identity',
    'watchlist-json',
    'list-json',
    'list-json-identity',
  ] as const;
  // `--only 'pods watchlist-protobuf'` times only the ways named (comma-separated).
  const only = arg('only', '');
  const loadStart = loadAverage();
  const samples: Record<
    string,
    {
      ms: number[];
      cpuMs: number[];
      apiServerCpuMs: number[];
      failures: string[];
    }
  > = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, c] of Object.entries(collections)) {
      for (const way of ways) {
        if (only && !only.split(',').includes(`${name} ${way}`)) continue;
        global.gc?.();
        const options = {
          labelSelector: c.labelSelector,
          signal: new AbortController().signal,
          trim: c.trim(),
          protobuf: way.includes('protobuf') ? c.decoder() : undefined,
          compressed: !way.endsWith('identity'),
        };
        const cpu = process.cpuUsage();
        const apiServerCpu = apiServerCpuMs();
        const start = performance.now();
        const key = `${name} ${way}`;
        samples[key] ??= {
          ms: [],
          cpuMs: [],
          apiServerCpuMs: [],
          failures: [],
        };
        let list;
        try {
          list = await (way.startsWith('watchlist')
            ? watchListCollection<any>(kubeConfig, c.path, options)
            : listCollection<any>(kubeConfig, c.path, options));
        } catch (error) {
          // A WatchList the server ended early (the backend then lists): counted, not timed.
          samples[key].failures.push(String(error));
          continue;
        }
        const ms = performance.now() - start;
        const used = process.cpuUsage(cpu);
        if (list.items.length === 0) throw new Error(`no ${name}`);
        samples[key].ms.push(ms);
        samples[key].cpuMs.push((used.user + used.system) / 1000);
        samples[key].apiServerCpuMs.push(apiServerCpuMs() - apiServerCpu);
      }
    }
  }
  const summary = Object.fromEntries(
    Object.entries(samples).map(([key, s]) => [
      key,
      {
        medianMs: Math.round(median(s.ms)),
        minMs: Math.round(Math.min(...s.ms)),
        cpuMs: Math.round(median(s.cpuMs)),
        apiServerCpuMs: Math.round(median(s.apiServerCpuMs)),
        failures: s.failures,
      },
    ]),
  );
  console.log(
    JSON.stringify(
      { rounds, loadStart, loadEnd: loadAverage(), summary },
      null,
      2,
    ),
  );
}

runMain(main);
