import { Kube } from './cluster';
import {
  BENCH_NAMESPACE,
  DaemonSetPlacement,
  deleteDaemonSet,
  ensureDaemonSet,
} from './workload';

const DS_PATH = `/apis/apps/v1/namespaces/${BENCH_NAMESPACE}/daemonsets`;

/** One DaemonSet of a many-DaemonSet scenario, with the entity that shows it. */
export interface SetMember {
  /** DaemonSet name, also the entity's name and `backstage.io/kubernetes-id`. */
  name: string;
  placement: DaemonSetPlacement;
}

const POOLS = ['gpu', 'accelerator', 'dedicated'];

/**
 * Where DaemonSet `i` of a set runs: `every` node, or (`pools`) the gpu, accelerator or dedicated
 * pool in turn (~10 %, 5 %, 5 % of the simulated fleet), like pool-specific device plugins.
 */
export function placementOf(kind: string, i: number): DaemonSetPlacement {
  if (kind === 'every') return {};
  if (kind === 'pools')
    return { nodeSelector: { 'daemonsets.dev/pool': POOLS[i % POOLS.length] } };
  throw new Error(`--placement must be pools or every, got ${kind}`);
}

/** Creates every member's DaemonSet (those that exist are kept), 8 requests at a time. */
export async function ensureSet(kube: Kube, members: SetMember[]) {
  for (let i = 0; i < members.length; i += 8) {
    await Promise.all(
      members
        .slice(i, i + 8)
        .map(m =>
          ensureDaemonSet(kube, m.name, { ...m.placement, entityId: m.name }),
        ),
    );
  }
}

/** Deletes every DaemonSet whose name starts with `prefix` (left from an earlier run of another size). */
export async function deleteByPrefix(
  kube: Kube,
  prefix: string,
  keep: Set<string>,
): Promise<number> {
  const list = await kube.json('GET', DS_PATH);
  const stale = list.items
    .map((d: any) => d.metadata.name as string)
    .filter((n: string) => n.startsWith(prefix) && !keep.has(n));
  for (const name of stale) await deleteDaemonSet(kube, name);
  return stale.length;
}

/** Totals over the members' DaemonSets. */
export interface SetCounts {
  daemonSets: number;
  desired: number;
  ready: number;
}

/**
 * Waits until every member's DaemonSet has observed its generation, has all its desired pods
 * scheduled and its counters unchanged for 5 s (one list of the namespace's DaemonSets every 2 s,
 * not one request per DaemonSet). Pods on NotReady nodes never become ready, so "all ready" is not
 * required. Rejects after `timeoutMs`.
 */
export async function waitSetSettled(
  kube: Kube,
  members: SetMember[],
  timeoutMs: number,
  log: (m: string) => void,
): Promise<SetCounts> {
  const names = new Set(members.map(m => m.name));
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const list = await kube.json('GET', DS_PATH);
    const mine = list.items.filter((d: any) => names.has(d.metadata.name));
    const counts: SetCounts = { daemonSets: mine.length, desired: 0, ready: 0 };
    let observed = mine.length === names.size;
    for (const d of mine) {
      counts.desired += d.status?.desiredNumberScheduled ?? 0;
      counts.ready += d.status?.numberReady ?? 0;
      observed &&=
        d.status?.observedGeneration === d.metadata.generation &&
        (d.status?.currentNumberScheduled ?? 0) ===
          (d.status?.desiredNumberScheduled ?? -1);
    }
    const text = JSON.stringify(counts);
    if (text !== last) {
      last = text;
      stableSince = Date.now();
      log(`  ${text}`);
    }
    if (observed && Date.now() - stableSince > 5000) return counts;
    if (Date.now() > deadline)
      throw new Error(`DaemonSets did not settle: ${text}`);
    await new Promise(r => setTimeout(r, 2000));
  }
}
