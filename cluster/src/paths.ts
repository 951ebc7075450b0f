import { join, resolve } from 'node:path';

/** Repository root (the folder holding `cluster/`). */
export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');
/** Source folder of the cluster tool. */
export const CLUSTER_SRC = resolve(import.meta.dirname, '..');

const offset = Number(process.env.CLUSTER_PORT_OFFSET ?? 0) || 0;

/**
 * Loopback ports, chosen away from the defaults so a real cluster on this host never clashes.
 * `CLUSTER_PORT_OFFSET` shifts them all, so a second cluster (own `CLUSTER_HOME`) can run alongside.
 */
export const PORTS = {
  etcdClient: 23790 + offset,
  etcdPeer: 23800 + offset,
  apiserver: 16443 + offset,
  controllerManager: 20257 + offset,
  scheduler: 20259 + offset,
  kwok: 20247 + offset,
} as const;

/** Components in start order. */
export const COMPONENTS = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
] as const;
/** One of the managed processes. */
export type Component = (typeof COMPONENTS)[number];

/** Every path under the cluster home (`.cluster/` or `$CLUSTER_HOME`). */
export interface Layout {
  home: string;
  bin: string;
  pki: string;
  etcdData: string;
  logs: string;
  run: string;
  tokens: string;
  kubeconfig: string;
  portalKubeconfig: string;
  state: string;
  buildScript: string;
  stagesDir: string;
  manifestsDir: string;
}

/** Resolves the layout, honouring `CLUSTER_HOME`. */
export function layout(
  home = process.env.CLUSTER_HOME || join(REPO_ROOT, '.cluster'),
): Layout {
  const h = resolve(home);
  return {
    home: h,
    bin: join(h, 'bin'),
    pki: join(h, 'pki'),
    etcdData: join(h, 'etcd-data'),
    logs: join(h, 'logs'),
    run: join(h, 'run'),
    tokens: join(h, 'tokens'),
    kubeconfig: join(h, 'kubeconfig'),
    portalKubeconfig: join(h, 'kubeconfig-portal'),
    state: join(h, 'state.json'),
    buildScript: join(CLUSTER_SRC, 'build.sh'),
    stagesDir: join(CLUSTER_SRC, 'kwok', 'stages'),
    manifestsDir: join(CLUSTER_SRC, 'manifests'),
  };
}

/** Log file of a component. */
export function logFile(l: Layout, c: Component): string {
  return join(l.logs, `${c}.log`);
}

/** Pid file of a component. */
export function pidFile(l: Layout, c: Component): string {
  return join(l.run, `${c}.pid`);
}
