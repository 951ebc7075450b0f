import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';

/** Repository root (bench/ lives directly under it). */
export const REPO_ROOT = resolvePackagePath('@daemonsets/bench', '..');

/** Where the bench cluster lives; never the shared `.cluster/`. */
export const BENCH_CLUSTER_ENV = {
  CLUSTER_HOME: process.env.CLUSTER_HOME ?? join(REPO_ROOT, '.cluster-bench'),
  CLUSTER_PORT_OFFSET: process.env.CLUSTER_PORT_OFFSET ?? '1000',
};

/** What the bench needs from the cluster tool's `state.json`. */
export interface BenchCluster {
  server: string;
  caPem: Buffer;
  adminToken: string;
  /** The API server's own serving certificate and key (reused by the counting proxy). */
  serverCert: Buffer;
  serverKey: Buffer;
}

/**
 * Points the bench cluster's `bin/` at the shared cluster's binaries when it has none, as the
 * test helper does, instead of building them again.
 */
export function reuseSharedBinaries(): void {
  const bin = join(BENCH_CLUSTER_ENV.CLUSTER_HOME, 'bin');
  const shared = join(REPO_ROOT, '.cluster', 'bin');
  if (!existsSync(bin) && existsSync(shared)) {
    mkdirSync(BENCH_CLUSTER_ENV.CLUSTER_HOME, { recursive: true });
    symlinkSync(shared, bin);
  }
}

/** Runs `node cluster/src/cli.ts <args>` against the bench cluster; rejects on a non-zero exit. */
export function clusterCli(args: string[]): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, 'cluster/src/cli.ts'), ...args],
      { env: { ...process.env, ...BENCH_CLUSTER_ENV }, stdio: 'inherit' },
    );
    child.on('exit', code =>
      code === 0 ? ok() : fail(new Error(`cluster ${args[0]} exited ${code}`)),
    );
  });
}

/** Reads the bench cluster's state (server URL, CA, admin token, serving cert). */
export function readBenchCluster(): BenchCluster {
  const home = BENCH_CLUSTER_ENV.CLUSTER_HOME;
  const state = JSON.parse(readFileSync(join(home, 'state.json'), 'utf8'));
  return {
    server: state.server,
    caPem: readFileSync(state.caPath),
    adminToken: readFileSync(state.tokens.admin, 'utf8').trim(),
    serverCert: readFileSync(join(home, 'pki/apiserver.crt')),
    serverKey: readFileSync(join(home, 'pki/apiserver.key')),
  };
}

/** The answer of one API-server request. */
export interface KubeResponse {
  status: number;
  body: Buffer;
}

/** A minimal API-server client over plain `https` (admin token), used by the harness and the floor. */
export class Kube {
  private readonly agent: https.Agent;

  constructor(private readonly cluster: BenchCluster) {
    this.agent = new https.Agent({ keepAlive: true, ca: cluster.caPem });
  }

  /**
   * One request; `body` objects are sent as JSON (or merge-patch for PATCH). With `gzip`, asks
   * for a compressed answer as client libraries do; `body` is then the bytes on the wire.
   * `accept` replaces `application/json` (e.g. the Table form).
   */
  request(
    method: string,
    path: string,
    body?: unknown,
    options: { gzip?: boolean; accept?: string } = {},
  ): Promise<KubeResponse> {
    const url = new URL(path, this.cluster.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((ok, fail) => {
      const req = https.request(
        url,
        {
          method,
          agent: this.agent,
          headers: {
            Authorization: `Bearer ${this.cluster.adminToken}`,
            Accept: options.accept ?? 'application/json',
            ...(options.gzip && { 'Accept-Encoding': 'gzip' }),
            ...(payload && {
              'Content-Type':
                method === 'PATCH'
                  ? 'application/merge-patch+json'
                  : 'application/json',
            }),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', c => chunks.push(c));
          res.on('end', () =>
            ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
          res.on('error', fail);
        },
      );
      req.on('error', fail);
      req.end(payload);
    });
  }

  /** A request that must succeed (2xx, or 409 when `allowConflict`); returns the parsed JSON. */
  async json<T = any>(
    method: string,
    path: string,
    body?: unknown,
    allowConflict = false,
  ): Promise<T> {
    const res = await this.request(method, path, body);
    if (res.status >= 300 && !(allowConflict && res.status === 409)) {
      throw new Error(
        `${method} ${path}: ${res.status} ${res.body.toString().slice(0, 300)}`,
      );
    }
    return JSON.parse(res.body.toString() || '{}');
  }

  /** The API server's Prometheus metrics text. */
  async metrics(): Promise<string> {
    return (await this.request('GET', '/metrics')).body.toString();
  }

  close(): void {
    this.agent.destroy();
  }
}
