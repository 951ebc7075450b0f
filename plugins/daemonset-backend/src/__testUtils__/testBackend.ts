import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import http from 'node:http';

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

/** The usual service mocks of a plugin test: config, catalog with `entities`, permissions. */
export function testServices(options: {
  config: object;
  entities?: Entity[];
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
}) {
  return [
    mockServices.rootConfig.factory({ data: options.config }),
    catalogServiceMock.factory({ entities: options.entities ?? [] }),
    mockServices.permissions.factory({
      result: options.permission ?? AuthorizeResult.ALLOW,
    }),
  ];
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
