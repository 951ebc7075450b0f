import {
  matchesLabelRequirements,
  parseLabelSelector,
} from '@daemonsets/plugin-daemonset-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';

/** A plain-HTTP stand-in for an API server, serving fixed collections. */
export interface FakeApiServer {
  url: string;
  /** Collections by path, e.g. `/api/v1/nodes`; edit freely between requests. */
  collections: Map<string, object[]>;
  /** Paths answered with this status instead (e.g. 403). */
  failures: Map<string, number>;
  /** Paths whose lists are answered only after this many milliseconds. */
  listDelays: Map<string, number>;
  /** Every request: path and query, watches included. */
  requests: Array<{
    path: string;
    query: URLSearchParams;
    auth?: string;
    acceptEncoding?: string;
  }>;
  /** The resource version lists answer with (default `1`). */
  resourceVersion: string;
  /**
   * How WatchLists (`sendInitialEvents`) are answered: refused with 422 (default, a server
   * without the feature), or accepted and ended before the initial events end (a server ending
   * a watcher that does not keep up).
   */
  watchLists: 'refuse' | 'endEarly';
  close(): Promise<void>;
}

/**
 * Starts a fake API server: `GET /api`, lists of `collections` with `labelSelector`,
 * `limit`/`continue`, and
 * watches that stay open without events (until `close`). Like an API server without the
 * WatchList feature, it refuses a watch that asks for the initial events (422), so the client
 * falls back to LIST; with `watchLists: 'endEarly'` it ends such a watch after one object.
 */
export async function startFakeApiServer(): Promise<FakeApiServer> {
  const collections = new Map<string, object[]>();
  const failures = new Map<string, number>();
  const listDelays = new Map<string, number>();
  const requests: FakeApiServer['requests'] = [];
  const watches = new Set<http.ServerResponse>();
  const listed = { resourceVersion: '1' };
  const mode: { watchLists: FakeApiServer['watchLists'] } = {
    watchLists: 'refuse',
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const query = url.searchParams;
    requests.push({
      path: url.pathname,
      query,
      auth: req.headers.authorization,
      acceptEncoding: req.headers['accept-encoding'],
    });
    const json = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const failure = failures.get(url.pathname);
    if (failure) {
      json(failure, { kind: 'Status', code: failure, reason: 'Forbidden' });
      return;
    }
    if (url.pathname === '/api') {
      json(200, { kind: 'APIVersions', versions: ['v1'] });
      return;
    }
    const stored = collections.get(url.pathname);
    if (!stored) {
      json(404, { kind: 'Status', code: 404, reason: 'NotFound' });
      return;
    }
    if (query.get('watch') === 'true' && query.has('sendInitialEvents')) {
      if (mode.watchLists === 'refuse') {
        json(422, { kind: 'Status', code: 422, reason: 'Invalid' });
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(`${JSON.stringify({ type: 'ADDED', object: stored[0] })}\n`);
      }
      return;
    }
    if (query.get('watch') === 'true') {
      watches.add(res);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      res.on('close', () => watches.delete(res));
      return;
    }
    const selector = query.get('labelSelector');
    const requirements = selector ? parseLabelSelector(selector) : [];
    const items = stored.filter(item =>
      matchesLabelRequirements(
        requirements,
        (item as { metadata?: { labels?: Record<string, string> } }).metadata
          ?.labels ?? {},
      ),
    );
    const start = Number(query.get('continue') ?? 0);
    const limit = Number(query.get('limit') ?? 0) || items.length;
    const page = items.slice(start, start + limit);
    const more = start + limit < items.length;
    const answer = () =>
      json(200, {
        kind: 'List',
        metadata: {
          resourceVersion: listed.resourceVersion,
          ...(more ? { continue: String(start + limit) } : {}),
        },
        items: page,
      });
    const delay = listDelays.get(url.pathname);
    if (delay) setTimeout(answer, delay);
    else answer();
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    collections,
    failures,
    listDelays,
    requests,
    get resourceVersion() {
      return listed.resourceVersion;
    },
    set resourceVersion(version: string) {
      listed.resourceVersion = version;
    },
    get watchLists() {
      return mode.watchLists;
    },
    set watchLists(watchLists: FakeApiServer['watchLists']) {
      mode.watchLists = watchLists;
    },
    close: () =>
      new Promise(resolve => {
        watches.forEach(res => res.destroy());
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The `kubernetes` config of a backend whose cluster `cluster.name` is served by `api` (over
 * plain HTTP, which client-node accepts only with `skipTLSVerify`), then the `more` clusters.
 */
export function fakeClusterConfig(
  api: FakeApiServer,
  cluster: { name: string; serviceAccountToken: string; title?: string },
  more: object[] = [],
) {
  return {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [{ ...cluster, url: api.url, skipTLSVerify: true }, ...more],
      },
    ],
  };
}
