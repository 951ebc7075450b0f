import { createHash } from 'node:crypto';
import type { NodeSpec } from './fleet.ts';
import { KWOK_ANNOTATION, POOL_LABEL } from './fleet.ts';
import type { KubeClient, KubeObject } from './kube.ts';
import { mapLimit } from './kube.ts';
import { progress } from './log.ts';

const SPEC_HASH = 'daemonsets.dev/spec-hash';
/** Label marking nodes this tool owns (only those are ever deleted). */
export const FLEET_LABEL = 'daemonsets.dev/fleet';

/** Bump when the Node object built from a spec changes, so `up` replaces existing nodes. */
const NODE_SHAPE = 2;

function specHash(spec: NodeSpec): string {
  return createHash('sha256')
    .update(JSON.stringify({ shape: NODE_SHAPE, spec }))
    .digest('hex')
    .slice(0, 16);
}

function notReadyConditions(): unknown[] {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return [
    {
      type: 'Ready',
      status: 'False',
      reason: 'KubeletNotReady',
      message:
        'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady',
      lastHeartbeatTime: now,
      lastTransitionTime: now,
    },
  ];
}

/** The Node object for a spec. Status carries capacity so kwok's initialize stage keeps it. */
export function nodeObject(spec: NodeSpec): KubeObject {
  const annotations: Record<string, string> = { [SPEC_HASH]: specHash(spec) };
  if (spec.kwokManaged) annotations[KWOK_ANNOTATION] = 'fake';
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: spec.name,
      labels: { ...spec.labels, [FLEET_LABEL]: 'kwok' },
      annotations,
    },
    spec: {
      taints: spec.taints,
      unschedulable: spec.unschedulable || undefined,
      podCIDR: spec.podCIDR,
      podCIDRs: [spec.podCIDR],
    },
    status: {
      // Unmanaged nodes start as a kubelet that reported NotReady: the lifecycle controller then
      // keeps the not-ready:NoSchedule taint from the start. With no condition at all it would
      // drop that taint until --node-startup-grace-period expires, and DaemonSets would briefly
      // place pods there that later count as misscheduled.
      conditions: spec.kwokManaged ? undefined : notReadyConditions(),
      capacity: spec.capacity,
      allocatable: spec.allocatable,
      addresses: [
        { type: 'InternalIP', address: spec.internalIP },
        { type: 'Hostname', address: spec.name },
        // Where the API server reaches this node's kubelet (kwok, for pod logs): this host.
        { type: 'InternalDNS', address: '127.0.0.1' },
      ],
      nodeInfo: {
        architecture: spec.labels['kubernetes.io/arch'],
        operatingSystem: 'linux',
        osImage: 'Bottlerocket OS 1.30.0 (aws-k8s-1.36)',
        kernelVersion: '6.1.119',
        containerRuntimeVersion: 'containerd://2.1.4',
        kubeletVersion: 'v1.36.3',
        kubeProxyVersion: '',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    },
  };
}

/**
 * Force-deletes the pods bound to a node. Pod GC would only do it once the node name stays gone;
 * a node re-created under the same name would otherwise inherit stale Running pods.
 */
async function deletePodsOn(kube: KubeClient, node: string): Promise<void> {
  const pods = await kube.list<KubeObject>(
    '/api/v1/pods',
    `fieldSelector=${encodeURIComponent(`spec.nodeName=${node}`)}`,
  );
  for (const p of pods) {
    await kube.delete(
      `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`,
      { gracePeriodSeconds: 0 },
    );
  }
}

/** Result of {@link syncFleet}. */
export interface SyncResult {
  created: number;
  replaced: number;
  deleted: number;
  unchanged: number;
}

/**
 * Makes the API's fleet match `fleet`: creates missing nodes, replaces nodes whose spec changed
 * (different seed), deletes fleet nodes that are no longer wanted. Runs `concurrency` requests at once.
 */
export async function syncFleet(
  kube: KubeClient,
  fleet: NodeSpec[],
  concurrency = 32,
  beforeReplacing?: (names: string[]) => Promise<void>,
): Promise<SyncResult> {
  const existing = await kube.list<KubeObject>(
    '/api/v1/nodes',
    `labelSelector=${encodeURIComponent(FLEET_LABEL)}`,
  );
  const byName = new Map(existing.map(n => [n.metadata.name, n]));
  const wanted = new Set(fleet.map(n => n.name));
  const result: SyncResult = {
    created: 0,
    replaced: 0,
    deleted: 0,
    unchanged: 0,
  };

  // kwok v0.8.0 loses track of a node that is deleted and re-created under the same name while it
  // runs (pods there stay Pending; a node re-created without the kwok annotation still turns
  // Ready). Let the caller stop kwok before any replacement and start it again afterwards.
  const replacing = fleet.filter(spec => {
    const current = byName.get(spec.name);
    return (
      current &&
      (current.metadata.annotations as Record<string, string> | undefined)?.[
        SPEC_HASH
      ] !== specHash(spec)
    );
  });
  if (replacing.length && beforeReplacing)
    await beforeReplacing(replacing.map(n => n.name));

  const extra = existing.filter(n => !wanted.has(n.metadata.name));
  if (extra.length)
    progress(`removing ${extra.length} nodes no longer in the fleet`);
  await mapLimit(extra, concurrency, async n => {
    if (await kube.delete(`/api/v1/nodes/${n.metadata.name}`)) result.deleted++;
  });

  let done = 0;
  const started = Date.now();
  await mapLimit(fleet, concurrency, async spec => {
    const current = byName.get(spec.name);
    const hash = (
      current?.metadata.annotations as Record<string, string> | undefined
    )?.[SPEC_HASH];
    if (current && hash === specHash(spec)) {
      result.unchanged++;
      return;
    }
    if (current) {
      await kube.delete(`/api/v1/nodes/${spec.name}`);
      await deletePodsOn(kube, spec.name);
      result.replaced++;
    } else {
      result.created++;
    }
    await kube.createIfMissing('/api/v1/nodes', nodeObject(spec));
    if (++done % 500 === 0)
      progress(
        `  created ${done} nodes (${((Date.now() - started) / 1000).toFixed(
          1,
        )}s)`,
      );
  });
  return result;
}

/**
 * Deletes all node Leases. A freshly started kwok has a new holder identity and will not take
 * over a node (nor handle its pods) until the previous holder's Lease expires, which is
 * --node-lease-duration-seconds (NODE_LEASE_SECONDS); deleting them lets it take over at once.
 */
export async function deleteNodeLeases(kube: KubeClient): Promise<void> {
  await kube.delete(
    '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases',
  );
}

/** Readiness summary of the fleet as the API sees it. */
export interface FleetHealth {
  total: number;
  ready: number;
  byPool: Record<string, number>;
}

/** Counts fleet nodes and those with condition Ready=True. */
export async function fleetHealth(kube: KubeClient): Promise<FleetHealth> {
  const nodes = await kube.list<KubeObject>(
    '/api/v1/nodes',
    `labelSelector=${encodeURIComponent(FLEET_LABEL)}`,
  );
  const byPool: Record<string, number> = {};
  let ready = 0;
  for (const n of nodes) {
    const status = n.status as
      | { conditions?: { type: string; status: string }[] }
      | undefined;
    if (
      status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True')
    )
      ready++;
    const pool =
      (n.metadata.labels as Record<string, string>)[POOL_LABEL] ?? 'unknown';
    byPool[pool] = (byPool[pool] ?? 0) + 1;
  }
  return { total: nodes.length, ready, byPool };
}
