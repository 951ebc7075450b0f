import {
  BackendFeature,
  coreServices,
  createServiceFactory,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  clusterConfigFor,
  ClusterConfigEntry,
  ClusterConnection,
  ClusterEntryOptions,
} from '@daemonsets/local-cluster/testing';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { daemonSetPlugin } from '../plugin';

/** Every line logged by the plugin, with its metadata, as text. */
export function capturingLogger() {
  const lines: string[] = [];
  const log = (level: string) => (message: string, meta?: Error | object) =>
    void lines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`);
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
  return { lines, logger, factory };
}

/** Everyone allowed or everyone denied, or a policy that decides per user and permission. */
export type TestPolicy =
  | AuthorizeResult.ALLOW
  | AuthorizeResult.DENY
  | PermissionsService;

function permissionsFactory(policy: TestPolicy = AuthorizeResult.ALLOW) {
  if (typeof policy === 'object') {
    return createServiceFactory({
      service: coreServices.permissions,
      deps: {},
      factory: () => policy,
    });
  }
  return mockServices.permissions.factory({ result: policy });
}

/** The usual service mocks of a plugin test: config, catalog with `entities`, permissions. */
export function testServices(options: {
  config: object;
  entities?: Entity[];
  permission?: TestPolicy;
}) {
  return [
    mockServices.rootConfig.factory({ data: options.config }),
    catalogServiceMock.factory({ entities: options.entities ?? [] }),
    permissionsFactory(options.permission),
  ];
}

/** The catalog annotations that select the pods labelled `app=<app>` in `namespace`. */
export function labelSelectorAnnotations(app: string, namespace: string) {
  return {
    'backstage.io/kubernetes-label-selector': `app=${app}`,
    'backstage.io/kubernetes-namespace': namespace,
  };
}

/** A production service Component of the default namespace, as the plugin reads it. */
export function componentEntity(
  name: string,
  annotations: Record<string, string>,
  owner = 'team-a',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', owner, lifecycle: 'production' },
  };
}

/** Options of {@link startBackendWithCluster}. */
export interface BackendWithClusterOptions {
  /** The local cluster, configured as `local` with the portal's token unless `clusterEntry` says otherwise. */
  cluster: ClusterConnection;
  clusterEntry?: ClusterEntryOptions;
  /** Further clusters after `local`: another name or token for it, or a broken one. */
  moreClusters?: ClusterConfigEntry[];
  /** The catalog's entities (none unless given). */
  entities?: Entity[];
  /** The permission decisions (everyone allowed unless given). */
  policy?: TestPolicy;
  /** Configuration beside `kubernetes`, e.g. `daemonset`, `app`, `backend`. */
  config?: object;
  /** Further plugins and service factories (a database, a scheduler, notifications...). */
  features?: BackendFeature[];
}

/** A started backend running the DaemonSet plugin against the local cluster. */
export interface BackendWithCluster {
  server: http.Server;
  /** `http://localhost:<port>`, for clients that need a URL rather than the server. */
  baseUrl: string;
  /** Every line the backend logged, with its metadata. */
  logs: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real backend with the DaemonSet plugin (and `features`), a catalog holding
 * `entities`, the permission `policy`, a logger that keeps its lines and the configuration
 * `config` plus the `kubernetes` block reading the local cluster.
 */
export async function startBackendWithCluster(
  options: BackendWithClusterOptions,
): Promise<BackendWithCluster> {
  const captured = capturingLogger();
  const backend = await startTestBackend({
    features: [
      daemonSetPlugin,
      captured.factory,
      ...testServices({
        entities: options.entities,
        permission: options.policy,
        config: {
          ...options.config,
          ...clusterConfigFor(
            options.cluster,
            options.clusterEntry,
            ...(options.moreClusters ?? []),
          ),
        },
      }),
      ...(options.features ?? []),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    server: backend.server,
    baseUrl: `http://localhost:${port}`,
    logs: captured.lines,
    stop: () => backend.stop(),
  };
}

/** One parsed Server-Sent Event. */
export interface SseEvent {
  event?: string;
  id?: string;
  data: string;
}

/** A live SSE connection read in a test. */
export interface SseReader {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Resolves with the next event (or rejects after `timeoutMs`). */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Raw text received so far, comments included. */
  raw(): string;
  close(): void;
}

function parseBlock(block: string): SseEvent | undefined {
  const event: SseEvent = { data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event.event = value;
    else if (field === 'id') event.id = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length === 0) return undefined;
  event.data = data.join('\n');
  return event;
}

/** Opens an SSE stream with plain `http` and parses events as they arrive. */
export function openSse(
  url: string,
  headers: Record<string, string> = {},
): Promise<SseReader> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { Accept: 'text/event-stream', ...headers } },
      res => {
        let buffer = '';
        let raw = '';
        const events: SseEvent[] = [];
        const waiters: Array<(e: SseEvent) => void> = [];
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          raw += chunk;
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const event = parseBlock(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            if (!event) continue;
            const waiter = waiters.shift();
            if (waiter) waiter(event);
            else events.push(event);
          }
        });
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          raw: () => raw,
          next(timeoutMs = 10_000) {
            const queued = events.shift();
            if (queued) return Promise.resolve(queued);
            return new Promise((resolveEvent, rejectEvent) => {
              let timer: NodeJS.Timeout | undefined = undefined;
              const waiter = (e: SseEvent) => {
                clearTimeout(timer);
                resolveEvent(e);
              };
              timer = setTimeout(() => {
                const i = waiters.indexOf(waiter);
                if (i >= 0) waiters.splice(i, 1);
                rejectEvent(new Error(`no SSE event within ${timeoutMs} ms`));
              }, timeoutMs);
              waiters.push(waiter);
            });
          },
          close() {
            req.destroy();
          },
        });
      },
    );
    req.on('error', reject);
  });
}
