import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentSpec } from './components.ts';
import { componentSpecs, SERVER } from './components.ts';
import {
  ensureTokens,
  kubeconfigPath,
  readToken,
  tokenPath,
  writeKubeconfigs,
} from './credentials.ts';
import type { FleetOptions } from './fleet.ts';
import { generateFleet, poolCounts } from './fleet.ts';
import { probe, waitFor } from './health.ts';
import { countReadyNodes, waitWhileProgressing } from './fleetWait.ts';
import type { KubeObject } from './kube.ts';
import { KubeClient } from './kube.ts';
import { acquireLock } from './lock.ts';
import { ClusterError, progress } from './log.ts';
import { deleteNodeLeases, fleetHealth, syncFleet } from './nodes.ts';
import type { Component, Layout } from './paths.ts';
import { COMPONENTS, logFile, PORTS } from './paths.ts';
import { ensurePki, pkiPaths } from './pki.ts';
import {
  runningPid,
  startDetached,
  startedWithOtherConfig,
  stop,
} from './processes.ts';
import { applyPortalRbac, DEFAULT_PORTAL_NAMESPACES } from './rbac.ts';
import type { ClusterState } from './state.ts';
import { readState, writeState } from './state.ts';

/** Exit code meaning "no cluster here (no Go toolchain), carry on without it". */
export const EXIT_NO_GO = 3;

/** Options of `up`. */
export interface UpOptions extends FleetOptions {
  nodes: number;
  seed: number;
  portalNamespaces: string[];
  example: boolean;
  /** `up` fails when the count of Ready nodes has not grown for this long (default 120). */
  stallSeconds?: number;
}

/** Default `up` options. */
export const DEFAULT_UP: UpOptions = {
  nodes: 20,
  seed: 1,
  portalNamespaces: DEFAULT_PORTAL_NAMESPACES,
  example: true,
};

function hasGo(): boolean {
  return (
    spawnSync('sh', ['-c', 'command -v go'], { stdio: 'ignore' }).status === 0
  );
}

/** Builds missing binaries with build.sh; exit code 3 when Go is not installed. */
export function ensureBinaries(l: Layout): void {
  const missing = COMPONENTS.filter(c => !existsSync(join(l.bin, c)));
  if (missing.length === 0) return;
  if (!hasGo()) {
    throw new ClusterError(
      `Go is not installed, so the local cluster cannot be built (missing: ${missing.join(
        ', ',
      )}). Install Go >= 1.26 and run 'yarn cluster:build'.`,
      EXIT_NO_GO,
    );
  }
  progress(
    `building missing binaries (${missing.join(', ')}) with cluster/build.sh`,
  );
  const r = spawnSync('bash', [l.buildScript], {
    stdio: 'inherit',
    env: { ...process.env, CLUSTER_HOME: l.home },
  });
  if (r.status !== 0)
    throw new ClusterError(
      `cluster/build.sh failed (exit ${r.status})`,
      r.status === EXIT_NO_GO ? EXIT_NO_GO : 1,
    );
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-lines)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

function healthy(l: Layout, c: ComponentSpec): Promise<boolean> {
  if (c.name === 'kube-apiserver')
    return probe(c.healthUrl, {
      ca: readFileSync(pkiPaths(l).caCert),
      token: readToken(l, 'admin'),
    });
  return probe(c.healthUrl);
}

/**
 * Components restarted when their command line or configuration changed. kwok holds no state of
 * its own (a restart takes the nodes over again); the others are left alone.
 */
const RESTART_ON_CHANGE: readonly Component[] = ['kwok'];

async function ensureComponent(l: Layout, c: ComponentSpec): Promise<void> {
  let pid = runningPid(l, c.name);
  if (
    pid !== undefined &&
    RESTART_ON_CHANGE.includes(c.name) &&
    startedWithOtherConfig(l, c.name, c.args)
  ) {
    progress(`${c.name} configuration changed: restarting it (pid ${pid})`);
    await stop(l, c.name);
    pid = undefined;
  }
  if (pid !== undefined && (await healthy(l, c))) {
    progress(`${c.name} already running (pid ${pid})`);
    return;
  }
  const started = Date.now();
  if (pid === undefined) {
    if (c.name === 'kwok') {
      // One Lease per node: at 5000 nodes the collection delete outlasts the default 30 s.
      const kube = adminClient(l, 300_000);
      try {
        await deleteNodeLeases(kube);
      } finally {
        kube.close();
      }
    }
    pid = startDetached(l, c.name, c.args);
    progress(`started ${c.name} (pid ${pid}), waiting for ${c.healthUrl}`);
  } else {
    progress(`${c.name} running (pid ${pid}) but not healthy yet, waiting`);
  }
  const log = logFile(l, c.name);
  try {
    await waitFor(
      c.name,
      () => healthy(l, c),
      c.startTimeoutMs,
      () =>
        runningPid(l, c.name) === undefined ? 'process exited' : undefined,
    );
  } catch (e) {
    throw new ClusterError(
      `${
        (e as Error).message
      }; see ${log}\n--- last lines of ${log} ---\n${tail(log)}`,
    );
  }
  progress(
    `${c.name} healthy after ${((Date.now() - started) / 1000).toFixed(1)}s`,
  );
}

/** Admin client from the layout. */
export function adminClient(l: Layout, timeoutMs?: number): KubeClient {
  return KubeClient.fromFiles(
    SERVER,
    pkiPaths(l).caCert,
    readToken(l, 'admin'),
    timeoutMs,
  );
}

async function applyExample(l: Layout, kube: KubeClient): Promise<void> {
  const ds = JSON.parse(
    readFileSync(join(l.manifestsDir, 'node-agent.json'), 'utf8'),
  ) as KubeObject;
  await kube.apply({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: ds.metadata.namespace ?? 'default' },
  });
  await kube.apply(ds);
  progress(
    `applied example DaemonSet ${ds.metadata.namespace}/${ds.metadata.name}`,
  );
}

/** Default for {@link UpOptions.stallSeconds}. */
export const DEFAULT_STALL_SECONDS = 120;

async function waitForFleet(
  l: Layout,
  kube: KubeClient,
  wantReady: number,
  wantTotal: number,
  stallSeconds: number,
): Promise<void> {
  const started = Date.now();
  await waitWhileProgressing({
    what: 'fleet',
    read: () => countReadyNodes(kube),
    wantReady,
    wantTotal,
    stallMs: stallSeconds * 1000,
    intervalMs: 1000,
    onChange: c =>
      progress(
        `  ${c.ready}/${wantReady} kwok nodes Ready (${c.total} nodes, ${(
          (Date.now() - started) /
          1000
        ).toFixed(0)}s)`,
      ),
    hint: `see ${logFile(l, 'kwok')} and ${logFile(l, 'kube-apiserver')}`,
  });
  progress(`fleet Ready after ${((Date.now() - started) / 1000).toFixed(1)}s`);
}

/** Starts (or tops up) the cluster; idempotent. */
export async function up(l: Layout, opts: UpOptions): Promise<ClusterState> {
  const t0 = Date.now();
  ensureBinaries(l);
  mkdirSync(l.run, { recursive: true });
  const release = await acquireLock(join(l.run, 'up.lock'), 15 * 60_000);
  try {
    const pki = ensurePki(l);
    ensureTokens(l);
    writeKubeconfigs(l, SERVER, pki.caCert);
    for (const c of componentSpecs(l, pki)) await ensureComponent(l, c);

    const kube = adminClient(l);
    try {
      await applyPortalRbac(kube, opts.portalNamespaces);
      progress(
        `portal RBAC applied (deploy namespaces: ${opts.portalNamespaces.join(
          ', ',
        )})`,
      );
      const fleet = generateFleet(opts.nodes, opts.seed, opts);
      const counts = poolCounts(fleet);
      progress(
        `fleet: ${fleet.length} nodes, seed ${opts.seed}: ${Object.entries(
          counts,
        )
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}, ` +
          `notReady=${fleet.filter(n => !n.kwokManaged).length} cordoned=${
            fleet.filter(n => n.unschedulable).length
          }`,
      );
      const syncStart = Date.now();
      const r = await syncFleet(kube, fleet, 32, async names => {
        progress(`stopping kwok while ${names.length} nodes are re-created`);
        await stop(l, 'kwok');
      });
      await ensureComponent(
        l,
        componentSpecs(l, pki).find(c => c.name === 'kwok')!,
      );
      progress(
        `nodes: ${r.created} created, ${r.replaced} replaced, ${r.deleted} deleted, ${r.unchanged} unchanged ` +
          `(${((Date.now() - syncStart) / 1000).toFixed(1)}s)`,
      );
      await waitForFleet(
        l,
        kube,
        fleet.filter(n => n.kwokManaged).length,
        fleet.length,
        opts.stallSeconds ?? DEFAULT_STALL_SECONDS,
      );
      if (opts.example) await applyExample(l, kube);

      const state: ClusterState = {
        server: SERVER,
        caPath: pki.caCert,
        tokens: {
          admin: tokenPath(l, 'admin'),
          portal: tokenPath(l, 'portal'),
        },
        kubeconfig: kubeconfigPath(l, 'admin'),
        portalKubeconfig: kubeconfigPath(l, 'portal'),
        ports: { ...PORTS },
        pids: Object.fromEntries(
          COMPONENTS.map(c => [c, runningPid(l, c) ?? 0]),
        ),
        nodeCount: fleet.length,
        seed: opts.seed,
        portalNamespaces: opts.portalNamespaces,
        fleet,
        updatedAt: new Date().toISOString(),
      };
      writeState(l, state);
      progress(
        `up in ${((Date.now() - t0) / 1000).toFixed(
          1,
        )}s: ${SERVER} (kubeconfig ${l.kubeconfig})`,
      );
      return state;
    } finally {
      kube.close();
    }
  } finally {
    release();
  }
}

/** Starts one component if it is not running and waits until it is healthy (fault tests). */
export async function startComponent(
  l: Layout,
  name: Component,
): Promise<void> {
  await ensureComponent(
    l,
    componentSpecs(l, pkiPaths(l)).find(c => c.name === name)!,
  );
}

/** Stops every component (reverse start order); data, certificates and state stay. */
export async function down(l: Layout): Promise<void> {
  for (const c of [...COMPONENTS].reverse()) {
    if (await stop(l, c)) progress(`stopped ${c}`);
  }
  const state = readState(l);
  if (state)
    writeState(l, { ...state, pids: {}, updatedAt: new Date().toISOString() });
}

/** `down`, then removes data, certificates, tokens, logs and state; binaries stay. */
export async function reset(l: Layout): Promise<void> {
  await down(l);
  for (const p of [
    l.pki,
    l.etcdData,
    l.tokens,
    l.logs,
    l.run,
    l.kubeconfig,
    l.portalKubeconfig,
    l.state,
  ]) {
    rmSync(p, { recursive: true, force: true });
  }
  progress(`reset ${l.home} (binaries kept in ${l.bin})`);
}

/** Per-component status plus fleet counts. */
export interface StatusReport {
  components: Record<Component, { pid?: number; healthy: boolean }>;
  nodes?: { total: number; ready: number; byPool: Record<string, number> };
  server: string;
}

/** Collects the status without changing anything. */
export async function status(l: Layout): Promise<StatusReport> {
  const specs =
    existsSync(pkiPaths(l).caCert) && existsSync(tokenPath(l, 'admin'))
      ? componentSpecs(l, pkiPaths(l))
      : [];
  const components = {} as StatusReport['components'];
  for (const c of COMPONENTS) {
    const pid = runningPid(l, c);
    const spec = specs.find(s => s.name === c);
    components[c] = {
      pid,
      healthy:
        pid !== undefined && spec !== undefined && (await healthy(l, spec)),
    };
  }
  const report: StatusReport = { components, server: SERVER };
  if (components['kube-apiserver'].healthy) {
    const kube = adminClient(l);
    try {
      report.nodes = await fleetHealth(kube);
    } finally {
      kube.close();
    }
  }
  return report;
}

/** Human-readable status lines. */
export function formatStatus(r: StatusReport): string {
  const lines = COMPONENTS.map(c => {
    const s = r.components[c];
    return `  ${c.padEnd(24)} ${
      s.healthy ? 'up' : s.pid ? 'unhealthy' : 'down'
    }${s.pid ? ` (pid ${s.pid})` : ''}`;
  });
  if (r.nodes) {
    const pools = Object.entries(r.nodes.byPool)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ');
    lines.push(
      `  nodes                    ${r.nodes.total} (${r.nodes.ready} Ready) ${pools}`,
    );
  } else {
    lines.push('  nodes                    unknown (API server down)');
  }
  lines.push(`  server                   ${r.server}`);
  return lines.join('\n');
}

/** Returns `ps` rows (rss MiB, cpu%) for the running components. */
export function resourceUsage(
  l: Layout,
): Record<string, { rssMiB: number; cpuPercent: number; cpuSeconds: string }> {
  const out: Record<
    string,
    { rssMiB: number; cpuPercent: number; cpuSeconds: string }
  > = {};
  for (const c of COMPONENTS) {
    const pid = runningPid(l, c);
    if (pid === undefined) continue;
    const [rss, cpu, time] = execFileSync(
      'ps',
      ['-o', 'rss=,pcpu=,time=', '-p', String(pid)],
      { encoding: 'utf8' },
    )
      .trim()
      .split(/\s+/);
    out[c] = {
      rssMiB: Math.round(Number(rss) / 1024),
      cpuPercent: Number(cpu),
      cpuSeconds: time,
    };
  }
  return out;
}
