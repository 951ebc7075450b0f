/**
 * Writes a synthetic status answer for the render pass (`bench/.results/status-synthetic-N.json`)
 * when no bench run recorded one of that size: the plugin's own status model
 * (`buildDaemonSetStatusReport`) run on a generated fleet shaped like the bench cluster's (pools
 * and labels as `cluster/src/fleet.ts` gives them: ~80 % general, 10 % gpu, 5 % accelerator, 5 %
 * dedicated; 2 % NotReady, 2 % cordoned) and the bench DaemonSet (tolerates every taint, one
 * running pod per node, not ready on the NotReady nodes). A recorded answer is always preferred.
 *
 *   cd bench && node --require @backstage/cli-node/config/nodeTransform.cjs \
 *     render/syntheticStatus.ts --nodes 5000
 */
import { writeFileSync } from 'node:fs';
import type { EntityDaemonSetStatus } from '@daemonsets/plugin-daemonset-common';
import {
  buildDaemonSetStatusReport,
  KubeDaemonSet,
  KubeNode,
  KubePod,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import { syntheticStatusPath } from '../src/renderResults';

const NAME = 'bench-agent';
const NAMESPACE = 'default';
const UID = 'synthetic-bench-agent';
const HASH = '5d8c7b9f6c';
const CREATED = '2026-01-01T00:00:00Z';

const POOLS: Array<{ pool: string; share: number; types: string[] }> = [
  {
    pool: 'general',
    share: 0.8,
    types: ['m5.xlarge', 'm5.2xlarge', 'c5.4xlarge', 'm7g.xlarge'],
  },
  { pool: 'gpu', share: 0.1, types: ['g4dn.xlarge', 'p3.8xlarge'] },
  { pool: 'accelerator', share: 0.05, types: ['ai1s.xlarge'] },
  { pool: 'dedicated', share: 0.05, types: ['m5.4xlarge'] },
];
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** The pool of the i-th node (node 0 is the control plane), spread evenly through the fleet. */
function poolOf(i: number, count: number): (typeof POOLS)[number] | undefined {
  if (i === 0) return undefined;
  let edge = 0;
  const position = ((i * 7919) % count) / count;
  for (const p of POOLS) {
    edge += p.share;
    if (position < edge) return p;
  }
  return POOLS[0];
}

function makeNode(i: number, count: number, notReady: boolean): KubeNode {
  const name = `node-${String(i).padStart(4, '0')}`;
  const pool = poolOf(i, count);
  const type = pool ? pool.types[i % pool.types.length] : 'm5.large';
  const taints = [];
  if (!pool)
    taints.push({
      key: 'node-role.kubernetes.io/control-plane',
      effect: 'NoSchedule',
    });
  else if (pool.pool !== 'general')
    taints.push({ key: pool.pool, value: 'true', effect: 'NoSchedule' });
  if (notReady)
    taints.push({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' });
  return {
    metadata: {
      name,
      uid: `node-uid-${i}`,
      creationTimestamp: CREATED,
      labels: {
        'daemonsets.dev/fleet': 'kwok',
        'daemonsets.dev/pool': pool?.pool ?? 'control-plane',
        'kubernetes.io/arch': type.startsWith('m7g') ? 'arm64' : 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': type,
        'topology.kubernetes.io/region': 'eu-west-1',
        'topology.kubernetes.io/zone': ZONES[i % ZONES.length],
        ...(pool ? {} : { 'node-role.kubernetes.io/control-plane': '' }),
      },
    },
    spec: { taints, unschedulable: i % 50 === 3 },
    status: {
      conditions: [
        notReady
          ? {
              type: 'Ready',
              status: 'Unknown',
              reason: 'NodeStatusUnknown',
              message: 'Kubelet stopped posting node status.',
            }
          : { type: 'Ready', status: 'True', reason: 'KubeletReady' },
      ],
    },
  } as KubeNode;
}

function makePod(node: string, ready: boolean): KubePod {
  const condition = ready ? 'True' : 'False';
  return {
    metadata: {
      name: `${NAME}-${node.slice('node-'.length)}x`,
      namespace: NAMESPACE,
      uid: `pod-${node}`,
      creationTimestamp: CREATED,
      labels: { app: NAME, 'controller-revision-hash': HASH },
      ownerReferences: [
        {
          kind: 'DaemonSet',
          name: NAME,
          uid: UID,
          controller: true,
        },
      ],
    },
    spec: { nodeName: node },
    status: {
      phase: 'Running',
      startTime: CREATED,
      conditions: [
        { type: 'PodScheduled', status: 'True' },
        { type: 'Ready', status: condition },
        { type: 'ContainersReady', status: condition },
      ],
      containerStatuses: [
        {
          name: 'agent',
          image: 'example.com/agent:1',
          ready,
          restartCount: 0,
          state: { running: { startedAt: CREATED } },
        },
      ],
    },
  } as KubePod;
}

/** The synthetic answer of `GET …/status` for a fleet of `count` nodes. */
export function syntheticStatus(count: number): EntityDaemonSetStatus {
  const nodes: KubeNode[] = [];
  const pods: KubePod[] = [];
  for (let i = 0; i < count; i++) {
    const notReady = i % 50 === 22;
    const node = makeNode(i, count, notReady);
    nodes.push(node);
    pods.push(makePod(node.metadata!.name!, !notReady));
  }
  const ready = pods.filter(
    p => p.status?.conditions?.find(c => c.type === 'Ready')?.status === 'True',
  ).length;
  const daemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: NAME,
      namespace: NAMESPACE,
      uid: UID,
      generation: 1,
      creationTimestamp: CREATED,
      labels: { app: NAME },
    },
    spec: {
      selector: { matchLabels: { app: NAME } },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '20%', maxSurge: 0 },
      },
      template: {
        metadata: { labels: { app: NAME } },
        spec: {
          tolerations: [{ operator: 'Exists' }],
          containers: [{ name: 'agent', image: 'example.com/agent:1' }],
        },
      },
    },
    status: {
      observedGeneration: 1,
      desiredNumberScheduled: count,
      currentNumberScheduled: count,
      updatedNumberScheduled: count,
      numberReady: ready,
      numberAvailable: ready,
      numberUnavailable: count - ready,
      numberMisscheduled: 0,
    },
  } as KubeDaemonSet;
  const connection = { state: 'connected', since: CREATED } as const;
  const report = buildDaemonSetStatusReport({
    cluster: 'bench',
    daemonSet,
    nodes,
    pods,
    revisions: [
      {
        metadata: {
          name: `${NAME}-${HASH}`,
          namespace: NAMESPACE,
          labels: { 'controller-revision-hash': HASH },
          ownerReferences: [
            {
              kind: 'DaemonSet',
              name: NAME,
              uid: UID,
              controller: true,
            },
          ],
        },
        revision: 1,
      },
    ],
    connection,
    observedAt: CREATED,
  });
  return {
    entityRef: `component:default/${NAME}`,
    clusters: [{ cluster: 'bench', connection, daemonSets: [report] }],
    generatedAt: CREATED,
  };
}

if (require.main === module) {
  const i = process.argv.indexOf('--nodes');
  const count = Number(i >= 0 ? process.argv[i + 1] : 5000);
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`--nodes must be a positive integer, got ${count}`);
  const status = syntheticStatus(count);
  const path = syntheticStatusPath(count);
  writeFileSync(path, JSON.stringify(status));
  const counts = status.clusters[0].daemonSets![0].counts;
  console.log(`wrote ${path}: ${JSON.stringify(counts)}`);
}
