/**
 * Shared set-up of the soak and load scripts: a backend with the plugin (in this process, the
 * test backend of @backstage/backend-test-utils with the usual service mocks) against a local
 * cluster, `count` DaemonSets in a fresh namespace and one catalog entity per DaemonSet.
 *
 * Run the scripts with the Backstage transform, from the repository root:
 *   node --require @backstage/cli/config/nodeTransform.cjs plugins/daemonset-backend/bench/soak.ts
 */
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import http, { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import {
  clusterConfigFor,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestClusterOptions,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import { testServices } from '../src/__testUtils__/testBackend';
import { daemonSetPlugin } from '../src/plugin';

/** Parses `--name value` flags with defaults. */
export function flags<T extends Record<string, string | number>>(
  defaults: T,
): T {
  const out: Record<string, string | number> = { ...defaults };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const key = args[i].replace(/^--/, '');
    if (!(key in defaults)) {
      throw new Error(
        `unknown flag ${args[i]}; flags: ${Object.keys(defaults).join(', ')}`,
      );
    }
    const value = args[++i];
    out[key] = typeof defaults[key] === 'number' ? Number(value) : value;
  }
  return out as T;
}

/** A logger that counts lines per level and keeps the last ones (a soak must not grow). */
export function countingLogger(keep = 50) {
  const counts: Record<string, number> = {};
  const last: string[] = [];
  const log = (level: string) => (message: string) => {
    counts[level] = (counts[level] ?? 0) + 1;
    last.push(`${new Date().toISOString()} ${level} ${message}`);
    if (last.length > keep) last.shift();
  };
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: () => {},
    child: () => logger,
  };
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
  return { counts, last, factory };
}

export interface Bench {
  cluster: TestCluster;
  ns: TestNamespace;
  apps: AppsV1Api;
  core: CoreV1Api;
  server: Server;
  baseUrl: string;
  entities: string[];
  daemonSets: string[];
  logs: ReturnType<typeof countingLogger>;
  stop(): Promise<void>;
}

/** Starts the cluster (if needed), creates the DaemonSets and starts the backend. */
export async function startBench(options: {
  cluster: TestClusterOptions;
  daemonSets: number;
  prefix: string;
  config?: object;
}): Promise<Bench> {
  const cluster = await getTestCluster(options.cluster);
  const ns = await createTestNamespace(cluster, options.prefix);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  const apps = kubeConfig.makeApiClient(AppsV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);

  const daemonSets = Array.from(
    { length: options.daemonSets },
    (_, i) => `${options.prefix}-${i}`,
  );
  for (const name of daemonSets) {
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: {
        metadata: { name, labels: { app: name, bench: options.prefix } },
        spec: {
          selector: { matchLabels: { app: name } },
          updateStrategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: '100%' },
          },
          template: {
            metadata: { labels: { app: name, bench: options.prefix } },
            spec: {
              containers: [{ name: 'agent', image: 'example.com/agent:1' }],
            },
          },
        },
      },
    });
  }
  const entity = (name: string, selector: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-label-selector': selector,
        'backstage.io/kubernetes-namespace': ns.name,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  });
  const entities = [
    ...daemonSets.map(name => entity(name, `app=${name}`)),
    entity(`${options.prefix}-all`, `bench=${options.prefix}`),
  ];

  const logs = countingLogger();
  const backend = await startTestBackend({
    features: [
      daemonSetPlugin,
      logs.factory,
      ...testServices({
        entities,
        config: {
          ...options.config,
          ...clusterConfigFor(cluster),
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    cluster,
    ns,
    apps,
    core,
    server: backend.server,
    baseUrl: `http://127.0.0.1:${port}/api/daemonset`,
    entities: entities.map(e => e.metadata.name),
    daemonSets,
    logs,
    async stop() {
      await backend.stop();
      await ns.cleanup();
    },
  };
}

/** GET with a keep-alive agent; resolves with status, body length and latency in ms. */
export function get(
  url: string,
  agent: http.Agent,
): Promise<{ status: number; bytes: number; ms: number; body: string }> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            bytes: body.length,
            ms: Number(process.hrtime.bigint() - started) / 1e6,
            body,
          });
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** A live SSE connection that only counts events (and remembers the last one). */
export interface SseCounter {
  events: number;
  firstEventMs?: number;
  last?: string;
  close(): void;
}

export function openSseCounter(url: string): SseCounter {
  const started = Date.now();
  const counter: SseCounter = { events: 0, close: () => {} };
  const req = http.get(
    url,
    { headers: { Accept: 'text/event-stream' } },
    res => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.includes('\ndata: ') || block.startsWith('data: ')) {
            counter.events++;
            counter.firstEventMs ??= Date.now() - started;
            counter.last = block;
          }
          end = buffer.indexOf('\n\n');
        }
      });
      res.on('error', () => {});
    },
  );
  req.on('error', () => {});
  counter.close = () => req.destroy();
  return counter;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}
