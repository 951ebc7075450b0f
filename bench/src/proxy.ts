import https from 'node:https';
import { AddressInfo } from 'node:net';
import { BenchCluster } from './cluster';

/** API-server traffic seen by the proxy since the last {@link CountingProxy.reset}. */
export interface TrafficCount {
  /** Requests started (a watch counts once, when it is opened). */
  requests: number;
  /** Of those, watches (`watch=true`). */
  watches: number;
  /** Response body bytes sent by the API server, as on the wire (gzip when negotiated). */
  bytes: number;
  /** Bytes by resource (`pods`, `nodes`, …), to see where they go. */
  bytesByResource: Record<string, number>;
}

/** The resource a request path names: `/api/v1/namespaces/x/pods?…` → `pods`. */
function resourceOf(url: string): string {
  const parts = url.split('?')[0].split('/').filter(Boolean);
  const i = parts.indexOf('namespaces');
  if (i >= 0 && parts.length > i + 2) return parts[i + 2];
  return parts[parts[0] === 'api' ? 2 : 3] ?? 'other';
}

const empty = (): TrafficCount => ({
  requests: 0,
  watches: 0,
  bytes: 0,
  bytesByResource: {},
});

/**
 * An HTTPS pass-through between the backend and the API server that counts requests and
 * response bytes. It serves the API server's own certificate, so clients keep the cluster CA;
 * only the URL in the backend config changes. Counting here, not at `/metrics`, attributes the
 * traffic to the backend alone (the controllers, scheduler and kwok also talk to the API server).
 */
export class CountingProxy {
  private count: TrafficCount = empty();
  private readonly server: https.Server;
  private readonly agent: https.Agent;
  private readonly upstream: URL;

  private constructor(cluster: BenchCluster) {
    this.upstream = new URL(cluster.server);
    this.agent = new https.Agent({ keepAlive: true, ca: cluster.caPem });
    this.server = https.createServer(
      { cert: cluster.serverCert, key: cluster.serverKey },
      (req, res) => {
        this.count.requests++;
        if (/[?&]watch=(true|1)/.test(req.url ?? '')) this.count.watches++;
        const up = https.request(
          {
            host: this.upstream.hostname,
            port: this.upstream.port,
            path: req.url,
            method: req.method,
            headers: { ...req.headers, host: this.upstream.host },
            agent: this.agent,
          },
          upRes => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.flushHeaders(); // watches: the client waits for headers before any event
            const resource = resourceOf(req.url ?? '');
            upRes.on('data', (chunk: Buffer) => {
              this.count.bytes += chunk.length;
              const by = this.count.bytesByResource;
              by[resource] = (by[resource] ?? 0) + chunk.length;
            });
            upRes.pipe(res);
          },
        );
        up.on('error', () => res.destroy());
        res.on('close', () => up.destroy());
        req.pipe(up);
      },
    );
  }

  /** Starts a proxy for `cluster` on a free loopback port. */
  static async start(cluster: BenchCluster): Promise<CountingProxy> {
    const proxy = new CountingProxy(cluster);
    await new Promise<void>(r => proxy.server.listen(0, '127.0.0.1', r));
    return proxy;
  }

  /** The URL to give the backend instead of the API server's. */
  get url(): string {
    return `https://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Returns the counts so far and starts again from zero. */
  reset(): TrafficCount {
    const c = this.count;
    this.count = empty();
    return c;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise(r => this.server.close(r));
    this.agent.destroy();
  }
}
