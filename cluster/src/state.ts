import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Layout } from './paths.ts';
import type { NodeSpec } from './fleet.ts';

/** Contents of `state.json`: what other tools need to talk to the cluster. */
export interface ClusterState {
  server: string;
  caPath: string;
  tokens: { admin: string; portal: string };
  kubeconfig: string;
  portalKubeconfig: string;
  ports: Record<string, number>;
  pids: Record<string, number>;
  nodeCount: number;
  seed: number;
  portalNamespaces: string[];
  fleet: NodeSpec[];
  updatedAt: string;
}

/** Reads `state.json`, or undefined if there is none. */
export function readState(l: Layout): ClusterState | undefined {
  if (!existsSync(l.state)) return undefined;
  return JSON.parse(readFileSync(l.state, 'utf8')) as ClusterState;
}

/** Writes `state.json` atomically (readers in other processes never see half a file). */
export function writeState(l: Layout, state: ClusterState): void {
  const tmp = `${l.state}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, l.state);
}
