/**
 * Time from applying a DaemonSet to its entity in the catalog: the DaemonSet entity provider
 * with its watch, side by side with the same provider as a scan-only one (watch off) at the
 * scan interval of a scan-only ingestor (default 600 s, the TeraSky kubernetes-ingestor's).
 * Two real catalog backends run in this process against the local cluster, in a namespace of
 * their own; DaemonSets are applied at offsets spread over one scan period and both catalogs
 * are polled every 100 ms.
 *
 *   node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     bench/scripts/catalogLatency.ts --samples 5 --interval 600
 */
import { daemonSetEntityName } from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { AppsV1Api, KubeConfig, V1DaemonSet } from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clusterConfigFor,
  createTestNamespace,
  getTestCluster,
} from '@daemonsets/local-cluster/testing';
// The catalog module's test backend is a test helper of that package, exported nowhere.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  getComponent,
  startCatalogBackend,
} from '../../plugins/catalog-backend-module-daemonset/src/__testUtils__/testBackend';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function main() {
  const samples = arg('samples', 5);
  const intervalS = arg('interval', 600);
  const cluster = await getTestCluster();
  const ns = await createTestNamespace(cluster, 'bench-catalog');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const config = (provider: object) => ({
    ...clusterConfigFor(cluster),
    catalog: { providers: { daemonset: provider } },
  });
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'bench-catalog-')));
  const watched = await startCatalogBackend({
    directory: dirs[0],
    lines: [],
    config: config({}),
  });
  const scanned = await startCatalogBackend({
    directory: dirs[1],
    lines: [],
    config: config({
      watch: false,
      schedule: { frequency: { seconds: intervalS }, timeout: { minutes: 3 } },
    }),
  });
  const periodStart = Date.now();
  const loadStart = loadavg()
    .map(n => n.toFixed(2))
    .join(' ');
  const rows: Array<{ offset: number; watch: number; scan: number }> = [];
  try {
    await Promise.all(
      Array.from({ length: samples }, async (_, i) => {
        const offsetMs = ((i + 0.5) / samples) * intervalS * 1000;
        await sleep(Math.max(0, periodStart + offsetMs - Date.now()));
        const name = `bench-${i}`;
        const entity = daemonSetEntityName({
          cluster: 'local',
          namespace: ns.name,
          name,
        });
        const applied = Date.now();
        await apps.createNamespacedDaemonSet({
          namespace: ns.name,
          body: buildDaemonSetManifests({
            name,
            namespace: ns.name,
            cluster: 'local',
            owner: 'group:default/platform-team',
            containers: [{ name: 'c', image: 'example.com/c', tag: '1' }],
          }).daemonSet as V1DaemonSet,
        });
        const seen = { watch: 0, scan: 0 };
        while (!seen.watch || !seen.scan) {
          if (!seen.watch && (await getComponent(watched.server, entity)))
            seen.watch = Date.now() - applied;
          if (!seen.scan && (await getComponent(scanned.server, entity)))
            seen.scan = Date.now() - applied;
          await sleep(100);
        }
        rows.push({ offset: Math.round(offsetMs / 1000), ...seen });
      }),
    );
  } finally {
    await watched.stop();
    await scanned.stop();
    await ns.cleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  rows.sort((a, b) => a.offset - b.offset);
  const loadEnd = loadavg()
    .map(n => n.toFixed(2))
    .join(' ');
  const fmt = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `Run ${new Date(
      periodStart,
    ).toISOString()}: ${samples} DaemonSets, scan interval ${intervalS} s, load ${loadStart} → ${loadEnd}`,
    '',
    '| Applied at (s into the scan period) | Watch + schedule (this module) | Scan only, every ' +
      `${intervalS} s |`,
    '| ---: | ---: | ---: |',
    ...rows.map(r => `| ${r.offset} | ${fmt(r.watch)} | ${fmt(r.scan)} |`),
  ];
  const sorted = (key: 'watch' | 'scan') =>
    rows.map(r => r[key]).sort((a, b) => a - b);
  for (const key of ['watch', 'scan'] as const) {
    const v = sorted(key);
    lines.push(
      '',
      `${key}: median ${fmt(v[Math.floor(v.length / 2)])}, max ${fmt(
        v[v.length - 1],
      )}`,
    );
  }
  console.log(lines.join('\n'));
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
