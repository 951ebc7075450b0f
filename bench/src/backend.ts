import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import daemonSetPlugin from '@daemonsets/plugin-daemonset-backend';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { BenchCluster } from './cluster';
import { BENCH_APP, BENCH_NAMESPACE } from './workload';

/** A catalog Component whose DaemonSets carry `backstage.io/kubernetes-id: <name>`. */
export function benchEntity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-id': name,
        'backstage.io/kubernetes-namespace': BENCH_NAMESPACE,
      },
    },
    spec: { type: 'service', owner: 'bench', lifecycle: 'experimental' },
  };
}

/** The catalog entity both plugins are asked about. */
export const BENCH_ENTITY: Entity = benchEntity(BENCH_APP);

/** One running backend hosting both plugins, on a real HTTP port. */
export interface BenchBackend {
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts one in-process backend with this plugin (`/api/daemonset`) and Backstage's
 * Kubernetes plugin (`/api/kubernetes`), both pointed at `apiUrl` (the counting proxy) with the
 * admin token: the Kubernetes plugin lists services, configmaps, jobs and more, which the
 * least-privileged portal token may not read. Metrics lookup is skipped (no metrics-server).
 * `daemonset.watchIdleTimeout` is 5 s so this plugin's watches stop between traffic windows.
 * The test backend's router has no compression middleware while a portal's has (Backstage's
 * default root HTTP router compresses every answer); it is put in front here, so that both
 * plugins' answers are gzip-compressed for clients that accept it, as in a portal.
 */
export async function startBenchBackend(
  cluster: BenchCluster,
  apiUrl: string,
  options: {
    /** `daemonset.watchList`: read collections as WatchLists or LISTs (default, as the product's). */
    watchList?: boolean;
    /** The catalog's entities (default: {@link BENCH_ENTITY} alone). */
    entities?: Entity[];
    /** More `daemonset.*` config (e.g. `prewarm`), merged over the bench's. */
    daemonset?: Record<string, unknown>;
  } = {},
): Promise<BenchBackend> {
  const config = {
    backend: { baseUrl: 'http://localhost:0' },
    daemonset: {
      watchIdleTimeout: { seconds: 5 },
      watchList: options.watchList ?? false,
      ...options.daemonset,
    },
    kubernetes: {
      serviceLocatorMethod: { type: 'multiTenant' },
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'bench',
              url: apiUrl,
              authProvider: 'serviceAccount',
              serviceAccountToken: cluster.adminToken,
              caData: cluster.caPem.toString('base64'),
              skipMetricsLookup: true,
            },
          ],
        },
      ],
    },
  };
  const backend = await startTestBackend({
    features: [
      daemonSetPlugin,
      kubernetesPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({
        entities: options.entities ?? [BENCH_ENTITY],
      }),
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      mockServices.rootLogger.factory({ level: 'warn' }),
    ],
  });
  withCompression(backend.server, config);
  const port = (backend.server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () => backend.stop(),
  };
}

/** Puts Backstage's compression middleware in front of everything `server` answers. */
function withCompression(server: Server, config: object): void {
  const silent = {
    error: () => {},
    warn: () => {},
    info: () => {},
    debug: () => {},
    child: () => silent,
  };
  const compress = MiddlewareFactory.create({
    config: mockServices.rootConfig({ data: config }),
    logger: silent,
  }).compression();
  const [app] = server.listeners('request') as Array<
    (req: IncomingMessage, res: ServerResponse) => void
  >;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) =>
    compress(req as any, res as any, () => app(req, res)),
  );
}

/** URL of this plugin's status endpoint for an entity (default: the bench entity). */
export function statusUrl(base: string, entity = BENCH_APP): string {
  return `${base}/api/daemonset/entity/default/component/${entity}/status`;
}

/** URL of this plugin's live channel for an entity (default: the bench entity), as the tab opens it. */
export function eventsUrl(base: string, entity = BENCH_APP): string {
  return `${base}/api/daemonset/entity/default/component/${entity}/status/stream?patches=true`;
}

/** The Kubernetes plugin's call made by its entity tab (`POST /services/:name`, body `{ entity }`). */
export function referenceRequest(base: string): { url: string; body: unknown } {
  return {
    url: `${base}/api/kubernetes/services/${BENCH_APP}`,
    body: { entity: BENCH_ENTITY, auth: {} },
  };
}
