import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { Server } from 'node:http';
import net from 'node:net';
import request from 'supertest';
import { catalogModuleDaemonSetEntityProvider } from '../module';

/** Every line logged, as `<level> <message>`, with the time it was logged. */
export interface CapturedLine {
  at: number;
  text: string;
}

function capturingLogger(lines: CapturedLine[], prefix = '') {
  const log = (level: string) => (message: string) =>
    void lines.push({ at: Date.now(), text: `${prefix}${level} ${message}` });
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger,
  });
}

/** A running catalog backend with the module. */
export interface CatalogBackend {
  server: Server;
  scheduler: SchedulerService;
  stop(): Promise<void>;
}

/**
 * Starts the real catalog backend with the DaemonSet module on a SQLite database in `directory`
 * (shared by backends given the same one, as instances share a database).
 */
export async function startCatalogBackend(options: {
  config: object;
  directory: string;
  lines: CapturedLine[];
  logPrefix?: string;
}): Promise<CatalogBackend> {
  let scheduler: SchedulerService | undefined;
  const probe = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-probe',
    register(reg) {
      reg.registerInit({
        deps: { s: coreServices.scheduler },
        async init({ s }) {
          scheduler = s;
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleDaemonSetEntityProvider,
      probe,
      capturingLogger(options.lines, options.logPrefix),
      databaseServiceFactory,
      schedulerServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          backend: {
            database: {
              client: 'better-sqlite3',
              connection: { directory: options.directory },
            },
          },
        },
      }),
    ],
  });
  return {
    server: backend.server,
    scheduler: scheduler!,
    stop: () => backend.stop(),
  };
}

/** The catalog's entity of that name, or undefined when it has none. */
export async function getComponent(
  server: Server,
  name: string,
): Promise<Entity | undefined> {
  const res = await request(server).get(
    `/api/catalog/entities/by-name/component/default/${encodeURIComponent(
      name,
    )}`,
  );
  if (res.status === 404) return undefined;
  if (res.status !== 200) {
    throw new Error(`catalog answered HTTP ${res.status}: ${res.text}`);
  }
  return res.body;
}

/** Polls until `check` returns a value, failing with `label` after `timeoutMs` (≥ 10 s). */
export async function waitFor<T>(
  label: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${label}`);
    await new Promise(r => setTimeout(r, 200));
  }
}

/** A TCP proxy to `target` (host:port) that the test can take down and bring back. */
export async function startTcpProxy(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>(resolve => {
      server = net.createServer(client => {
        const upstream = net.connect(Number(target.port), target.hostname);
        sockets.add(client).add(upstream);
        client.pipe(upstream).pipe(client);
        const close = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', close).on('close', close);
        upstream.on('error', close).on('close', close);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await listen();
  return {
    url: () => `https://127.0.0.1:${port}`,
    async down() {
      await new Promise(resolve => {
        server?.close(resolve);
        for (const s of sockets) s.destroy();
        sockets.clear();
      });
    },
    up: listen,
  };
}
