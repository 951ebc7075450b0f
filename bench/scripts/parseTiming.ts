/**
 * What cutting `managedFields` out of the text before parsing saves: the bench cluster's nodes
 * and DaemonSet pods (label `controller-revision-hash`), one line per object as a WatchList
 * streams them, parsed and trimmed as the backend's watch layer does, with and without
 * `withoutManagedFields`; the two modes alternate, medians of `--rounds`.
 *
 *   cd bench && node --expose-gc --require @backstage/cli-node/config/nodeTransform.cjs \
 *     scripts/parseTiming.ts --rounds 7
 */
import { execSync } from 'node:child_process';
// The watch layer's internals, timed alone; the backend exports no API.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { withoutManagedFields } from '../../plugins/daemonset-backend/src/watch/managedFields';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  NODE_FIELDS,
  podTrim,
  trimTo,
} from '../../plugins/daemonset-backend/src/watch/trim';
import { Kube, readBenchCluster } from '../src/cluster';
import { arg, runMain } from '../src/cli';
import { median } from '../src/stats';

const rounds = Number(arg('rounds', '7'));
const load = () => execSync('cat /proc/loadavg').toString().trim();

async function main() {
  const kube = new Kube(readBenchCluster());
  const collections = {
    nodes: {
      path: '/api/v1/nodes',
      trim: trimTo<any>(NODE_FIELDS),
    },
    pods: {
      path: '/api/v1/pods?labelSelector=controller-revision-hash',
      trim: podTrim<any>(),
    },
  };
  const loadStart = load();
  const results: Record<string, unknown> = {};
  for (const [name, { path, trim }] of Object.entries(collections)) {
    const list = await kube.json('GET', path);
    const lines: string[] = list.items.map((object: unknown) =>
      JSON.stringify({ type: 'ADDED', object }),
    );
    const bytes = lines.reduce((n, l) => n + l.length, 0);
    const time = (cut: boolean) => {
      global.gc?.();
      const start = performance.now();
      const kept = lines.map(line => {
        const event = JSON.parse(cut ? withoutManagedFields(line) : line);
        return trim(event.object);
      });
      const ms = performance.now() - start;
      if (kept.length !== lines.length) throw new Error('lost objects');
      return ms;
    };
    const whole: number[] = [];
    const cut: number[] = [];
    for (let i = 0; i < rounds; i++) {
      whole.push(time(false));
      cut.push(time(true));
    }
    results[name] = {
      objects: lines.length,
      megabytes: Math.round(bytes / 1e5) / 10,
      parseAndTrimMs: Math.round(median(whole)),
      withoutManagedFieldsMs: Math.round(median(cut)),
    };
  }
  kube.close();
  console.log(
    JSON.stringify({ rounds, loadStart, loadEnd: load(), ...results }, null, 2),
  );
}

runMain(main);
