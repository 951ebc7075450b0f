import { KubeConfig } from '@kubernetes/client-node';
import http, { IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { eventually } from '../__testUtils__/eventually';
import { describeError, failureKindOf } from './describeError';
import { listCollection, ListRequestError } from './listCollection';

// Waits below are event-driven with a 15 s ceiling; the test ceiling is above it.
jest.setTimeout(30_000);

const TOKEN = 'secret-token-value';

const POD_LIST = {
  apiVersion: 'v1',
  kind: 'PodList',
  metadata: { resourceVersion: '42' },
  items: [
    {
      metadata: {
        name: 'agent-1',
        namespace: 'ns',
        creationTimestamp: '2026-11-28T10:00:00Z',
      },
      status: { phase: 'Running' },
    },
  ],
};

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let handler: Handler;
let server: http.Server;
let port: number;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => handler(req, res));
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  sockets.forEach(s => s.destroy());
  await new Promise(r => server.close(r));
});

function kubeConfig(serverUrl = `http://127.0.0.1:${port}`): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: serverUrl, skipTLSVerify: true }],
    users: [{ name: 'u', token: TOKEN }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return kc;
}

const list = (path = '/api/v1/namespaces/ns/pods', labelSelector?: string) =>
  listCollection(kubeConfig(), path, {
    labelSelector,
    signal: new AbortController().signal,
  });

async function failure(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

const POLL = { timeoutMs: 15_000, intervalMs: 5 };

describe('listCollection', () => {
  it('lists with the credentials and selector, asking for gzip, and returns plain JSON', async () => {
    let seen: IncomingMessage | undefined;
    handler = (req, res) => {
      seen = req;
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
      });
      res.end(gzipSync(JSON.stringify(POD_LIST)));
    };

    const result = await list(
      '/api/v1/namespaces/ns/pods',
      'app=a,tier in (x)',
    );

    expect(result).toEqual(POD_LIST);
    expect(Object.getPrototypeOf(result.items[0])).toBe(Object.prototype);
    expect(typeof result.items[0].metadata?.creationTimestamp).toBe('string');
    const url = new URL(seen!.url!, 'http://x');
    expect(url.pathname).toBe('/api/v1/namespaces/ns/pods');
    expect(url.searchParams.get('labelSelector')).toBe('app=a,tier in (x)');
    expect(url.searchParams.has('watch')).toBe(false);
    expect(seen!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(seen!.headers['accept-encoding']).toBe('gzip');
    expect(seen!.headers.accept).toBe('application/json');
  });

  it('reads an uncompressed answer and sends no selector when there is none', async () => {
    let query: string | undefined;
    handler = (req, res) => {
      query = new URL(req.url!, 'http://x').search;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ...POD_LIST, items: [] }));
    };

    await expect(list('/api/v1/nodes')).resolves.toMatchObject({
      metadata: { resourceVersion: '42' },
      items: [],
    });
    expect(query).toBe('');
  });

  it.each([
    [400, 'BadRequest', 'invalid'],
    [401, 'Unauthorized', 'denied'],
    [403, 'Forbidden', 'denied'],
    [404, 'NotFound', 'denied'],
    [410, 'Expired', 'transient'],
    [422, 'Invalid', 'invalid'],
    [500, 'InternalError', 'transient'],
  ])(
    'fails with HTTP %i as an error describeError and failureKindOf classify',
    async (code, reason, kind) => {
      handler = (_req, res) => {
        res.writeHead(code, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            kind: 'Status',
            status: 'Failure',
            reason,
            code,
            message: `user "alice" with token ${TOKEN} cannot list pods`,
          }),
        );
      };

      const error = await failure(list());

      expect(error).toBeInstanceOf(ListRequestError);
      expect(error).toMatchObject({ statusCode: code, reason });
      expect(failureKindOf(error)).toBe(kind);
      expect(describeError(error)).toMatch(new RegExp(`^HTTP ${code}`));
      expect(String(error.message) + String(error.stack)).not.toContain(TOKEN);
      expect(error.message).not.toContain('alice');
      expect(error.message).not.toContain(String(port));
    },
  );

  it('fails on an HTTP error without a Status body (401 from a proxy)', async () => {
    handler = (_req, res) => {
      res.writeHead(401, { 'Content-Type': 'text/html' });
      res.end('<html>no</html>');
    };

    const error = await failure(list());

    expect(error).toMatchObject({ statusCode: 401, reason: undefined });
    expect(failureKindOf(error)).toBe('denied');
  });

  it('fails on an answer that is not a list', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kind":"Status"');
    };
    expect(await failure(list())).toMatchObject({
      message: 'list answer is not JSON',
    });

    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"kind":"Status"}');
    };
    expect(await failure(list())).toMatchObject({
      message: 'list answer has no items',
    });
  });

  it('fails with the network error code when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise(r => closed.close(r));

    const error = await failure(
      listCollection(
        kubeConfig(`http://127.0.0.1:${closedPort}`),
        '/api/v1/nodes',
        {
          signal: new AbortController().signal,
        },
      ),
    );

    expect(error.code).toBe('ECONNREFUSED');
    expect(describeError(error)).toBe('connection refused (ECONNREFUSED)');
    expect(failureKindOf(error)).toBe('transient');
  });

  it('fails when the connection closes in the middle of the answer', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write('{"items":[');
      setTimeout(() => res.socket?.destroy(), 20);
    };

    const error = await failure(list());

    expect(error.code).toBe('ECONNRESET');
    expect(failureKindOf(error)).toBe('transient');
  });

  it.each([
    ['before the answer', false],
    ['while the answer arrives', true],
  ])('closes the socket when aborted %s', async (_when, sendHeaders) => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      if (sendHeaders) {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"items":[');
      }
    };
    const controller = new AbortController();
    const pending = listCollection(kubeConfig(), '/api/v1/nodes', {
      signal: controller.signal,
    });
    await eventually(
      'the request on one socket',
      () => requests === 1 && sockets.size === 1,
      POLL,
    );

    controller.abort();

    const error = await failure(pending);
    expect(error.name).toBe('AbortError');
    expect(describeError(error)).toBe('request aborted or timed out');
    await eventually('the socket closed', () => sockets.size === 0, POLL);
  });

  it('does not send a request when already aborted', async () => {
    let requests = 0;
    handler = (_req, res) => {
      requests++;
      res.end();
    };
    const controller = new AbortController();
    controller.abort();

    const error = await failure(
      listCollection(kubeConfig(), '/api/v1/nodes', {
        signal: controller.signal,
      }),
    );

    expect(error.name).toBe('AbortError');
    expect(requests).toBe(0);
  });
});
