/**
 * Deterministic fake node fleet. Pure: no I/O, same (count, seed, options) gives the same fleet.
 */

/** A taint as it appears on a Node's spec. */
export interface NodeTaint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

/** Node pools used by the fleet (label `daemonsets.dev/pool`). */
export type NodePool =
  | 'control-plane'
  | 'general'
  | 'gpu'
  | 'accelerator'
  | 'dedicated';

/** Everything needed to create one fake Node and to predict where DaemonSet pods land. */
export interface NodeSpec {
  name: string;
  pool: NodePool;
  labels: Record<string, string>;
  taints: NodeTaint[];
  /** Resource quantities as Kubernetes strings, e.g. `{ cpu: '8', memory: '32Gi' }`. */
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
  /** Cordoned (`spec.unschedulable`). */
  unschedulable: boolean;
  /** Managed by kwok (annotation `kwok.x-k8s.io/node=fake`); unmanaged nodes never become Ready. */
  kwokManaged: boolean;
  internalIP: string;
  podCIDR: string;
}

/** Optional knobs; defaults scale with the fleet size. */
export interface FleetOptions {
  /** Number of nodes that kwok does not manage (never Ready). Default: 2% (at least 1 from 10 nodes). */
  notReady?: number;
  /** Number of cordoned nodes. Default: 2% (at least 1 from 10 nodes). */
  cordoned?: number;
}

/** Label key holding the pool name. */
export const POOL_LABEL = 'daemonsets.dev/pool';
/** Annotation kwok uses to pick the nodes it manages. */
export const KWOK_ANNOTATION = 'kwok.x-k8s.io/node';

/** mulberry32: tiny seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface InstanceType {
  name: string;
  arch: 'amd64' | 'arm64';
  cpu: number;
  memoryGi: number;
  extra?: Record<string, number>;
  product?: string;
}

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const REGION = 'eu-west-1';

const GENERAL: InstanceType[] = [
  { name: 'm5.xlarge', arch: 'amd64', cpu: 4, memoryGi: 16 },
  { name: 'm5.2xlarge', arch: 'amd64', cpu: 8, memoryGi: 32 },
  { name: 'c5.4xlarge', arch: 'amd64', cpu: 16, memoryGi: 32 },
  { name: 'r5.2xlarge', arch: 'amd64', cpu: 8, memoryGi: 64 },
  { name: 'm7g.xlarge', arch: 'arm64', cpu: 4, memoryGi: 16 },
  { name: 'm7g.2xlarge', arch: 'arm64', cpu: 8, memoryGi: 32 },
];
const GPU: InstanceType[] = [
  {
    name: 'g4dn.xlarge',
    arch: 'amd64',
    cpu: 4,
    memoryGi: 16,
    extra: { 'nvidia.com/gpu': 1 },
    product: 'Tesla-T4',
  },
  {
    name: 'g5.12xlarge',
    arch: 'amd64',
    cpu: 48,
    memoryGi: 192,
    extra: { 'nvidia.com/gpu': 4 },
    product: 'NVIDIA-A10G',
  },
  {
    name: 'p3.8xlarge',
    arch: 'amd64',
    cpu: 32,
    memoryGi: 244,
    extra: { 'nvidia.com/gpu': 4 },
    product: 'Tesla-V100-SXM2-16GB',
  },
  {
    name: 'p4d.24xlarge',
    arch: 'amd64',
    cpu: 96,
    memoryGi: 1152,
    extra: { 'nvidia.com/gpu': 8 },
    product: 'NVIDIA-A100-SXM4-40GB',
  },
];
const ACCELERATOR: InstanceType[] = [
  {
    name: 'ai1s.xlarge',
    arch: 'arm64',
    cpu: 4,
    memoryGi: 16,
    extra: { 'huawei.com/ascend-310': 1 },
  },
  {
    name: 'ai1s.2xlarge',
    arch: 'arm64',
    cpu: 8,
    memoryGi: 32,
    extra: { 'huawei.com/ascend-310': 2 },
  },
  {
    name: 'ai1s.4xlarge',
    arch: 'arm64',
    cpu: 16,
    memoryGi: 64,
    extra: { 'huawei.com/ascend-310': 4 },
  },
];
const DEDICATED: InstanceType[] = [
  { name: 'm5.4xlarge', arch: 'amd64', cpu: 16, memoryGi: 64 },
];
const CONTROL_PLANE: InstanceType = {
  name: 'm5.large',
  arch: 'amd64',
  cpu: 2,
  memoryGi: 8,
};

function pick<T>(rng: () => number, items: T[]): T {
  return items[Math.floor(rng() * items.length)];
}

function pickPool(rng: () => number): NodePool {
  const r = rng();
  if (r < 0.1) return 'gpu';
  if (r < 0.15) return 'accelerator';
  if (r < 0.2) return 'dedicated';
  return 'general';
}

/** Default count of special (NotReady / cordoned) nodes for a fleet size. */
function defaultSpecialCount(count: number): number {
  return count < 10 ? 0 : Math.max(1, Math.round(count * 0.02));
}

function nodeName(index: number): string {
  return `node-${String(index).padStart(4, '0')}`;
}

/** Seed for one node, so a node's attributes depend only on (seed, index) and survive resizing. */
function nodeSeed(seed: number, index: number): number {
  return (
    (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index, 0x85ebca77)) >>> 0
  );
}

/** The `n` candidates with the lowest scores (a stable, size-independent choice). */
function lowest(
  candidates: number[],
  score: (i: number) => number,
  n: number,
): number[] {
  return [...candidates]
    .sort((a, b) => score(a) - score(b) || a - b)
    .slice(0, n);
}

/**
 * Generates `count` node specs from `seed`. Node 1 is the control plane; the rest are spread
 * over pools (about 80% general, 10% gpu, 5% accelerator, 5% dedicated). From 5 nodes on every
 * pool is present; from 10 nodes on at least one node is NotReady and one is cordoned (both
 * taken from the general pool). Each node's attributes come from its own PRNG stream, so growing
 * or shrinking the fleet keeps the other nodes as they were (only the NotReady/cordoned picks and
 * small-fleet pool top-ups depend on the count).
 */
export function generateFleet(
  count: number,
  seed: number,
  options: FleetOptions = {},
): NodeSpec[] {
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`invalid node count: ${count}`);
  const rngs = Array.from({ length: count }, (_, i) =>
    mulberry32(nodeSeed(seed, i + 1)),
  );
  const pools: NodePool[] = rngs.map((rng, i) =>
    i === 0 ? 'control-plane' : pickPool(rng),
  );
  // Per-node scores for the count-dependent choices below.
  const scores = rngs.map(rng => rng());
  const score = (i: number) => scores[i];

  // Small fleets must still show every pool: convert the lowest-scored general nodes.
  for (const wanted of ['gpu', 'accelerator', 'dedicated'] as const) {
    if (count < 5 || pools.includes(wanted)) continue;
    const general = pools.flatMap((p, i) => (p === 'general' ? [i] : []));
    if (general.length > 1) pools[lowest(general, score, 1)[0]] = wanted;
  }

  const generalIdx = pools.flatMap((p, i) => (p === 'general' ? [i] : []));
  const notReady = new Set(
    lowest(generalIdx, score, options.notReady ?? defaultSpecialCount(count)),
  );
  const cordoned = new Set(
    lowest(
      generalIdx.filter(i => !notReady.has(i)),
      score,
      options.cordoned ?? defaultSpecialCount(count),
    ),
  );

  return pools.map((pool, i) => {
    const rng = rngs[i];
    const index = i + 1;
    const name = nodeName(index);
    const type =
      pool === 'control-plane'
        ? CONTROL_PLANE
        : pick(
            rng,
            pool === 'gpu'
              ? GPU
              : pool === 'accelerator'
              ? ACCELERATOR
              : pool === 'dedicated'
              ? DEDICATED
              : GENERAL,
          );
    const labels: Record<string, string> = {
      'kubernetes.io/hostname': name,
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': type.arch,
      'topology.kubernetes.io/region': REGION,
      'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
      'node.kubernetes.io/instance-type': type.name,
      [POOL_LABEL]: pool,
      disktype: rng() < 0.7 ? 'ssd' : 'hdd',
    };
    const taints: NodeTaint[] = [];
    if (pool === 'control-plane') {
      labels['node-role.kubernetes.io/control-plane'] = '';
      taints.push({
        key: 'node-role.kubernetes.io/control-plane',
        effect: 'NoSchedule',
      });
    } else if (pool === 'gpu') {
      labels['nvidia.com/gpu.product'] = type.product ?? 'unknown';
      labels['nvidia.com/gpu.present'] = 'true';
      taints.push({
        key: 'nvidia.com/gpu',
        value: 'present',
        effect: 'NoSchedule',
      });
    } else if (pool === 'accelerator') {
      labels.accelerator = 'huawei-Ascend310';
    } else if (pool === 'dedicated') {
      labels.dedicated = 'infra';
      taints.push({ key: 'dedicated', value: 'infra', effect: 'NoSchedule' });
    }
    const capacity: Record<string, string> = {
      cpu: String(type.cpu),
      memory: `${type.memoryGi}Gi`,
      pods: '110',
      'ephemeral-storage': '100Gi',
    };
    for (const [k, v] of Object.entries(type.extra ?? {}))
      capacity[k] = String(v);
    // Reserve a little for system daemons, as a kubelet would.
    const allocatable = {
      ...capacity,
      cpu: `${type.cpu * 1000 - 100}m`,
      memory: `${type.memoryGi * 1024 - 512}Mi`,
    };
    return {
      name,
      pool,
      labels,
      taints,
      capacity,
      allocatable,
      unschedulable: cordoned.has(i),
      kwokManaged: !notReady.has(i),
      internalIP: `10.1.${Math.floor(index / 256)}.${index % 256}`,
      podCIDR: `10.${64 + Math.floor(index / 256)}.${index % 256}.0/24`,
    };
  });
}

/** Counts nodes per pool (handy for reports and tests). */
export function poolCounts(fleet: NodeSpec[]): Record<NodePool, number> {
  const out: Record<NodePool, number> = {
    'control-plane': 0,
    general: 0,
    gpu: 0,
    accelerator: 0,
    dedicated: 0,
  };
  for (const n of fleet) out[n.pool]++;
  return out;
}
