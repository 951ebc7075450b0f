import { Kube } from './cluster';

/** Namespace and name of the benchmarked DaemonSet (also its `backstage.io/kubernetes-id`). */
export const BENCH_NAMESPACE = 'default';
export const BENCH_APP = 'bench-agent';
const DS_PATH = `/apis/apps/v1/namespaces/${BENCH_NAMESPACE}/daemonsets`;

/** A second DaemonSet of the same entity, to measure what one more watched DaemonSet costs. */
export const SECOND_APP = `${BENCH_APP}-b`;

/** Where a DaemonSet's pods go, and which entity it belongs to. */
export interface DaemonSetPlacement {
  /** The entity's `backstage.io/kubernetes-id` (label on the DaemonSet and its pods). */
  entityId?: string;
  /** Node labels the pods are limited to (none: every node). */
  nodeSelector?: Record<string, string>;
}

function manifest(
  image: string,
  name = BENCH_APP,
  placement: DaemonSetPlacement = {},
) {
  const labels = {
    app: name,
    'backstage.io/kubernetes-id': placement.entityId ?? BENCH_APP,
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: BENCH_NAMESPACE, labels },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '20%' },
      },
      template: {
        metadata: { labels },
        spec: {
          tolerations: [{ operator: 'Exists' }],
          ...(placement.nodeSelector && {
            nodeSelector: placement.nodeSelector,
          }),
          containers: [{ name: 'agent', image }],
        },
      },
    },
  };
}

/** Creates the DaemonSet (tolerating everything, so it runs on every node) if it is missing. */
export async function ensureDaemonSet(
  kube: Kube,
  name = BENCH_APP,
  placement: DaemonSetPlacement = {},
): Promise<void> {
  await kube.json(
    'POST',
    DS_PATH,
    manifest('example.com/agent:1', name, placement),
    true,
  );
}

/** Deletes a DaemonSet and its pods (background propagation). */
export async function deleteDaemonSet(kube: Kube, name: string): Promise<void> {
  await kube.json('DELETE', `${DS_PATH}/${name}`);
}

/** Changes the pod template image, which starts a rolling update of every pod. */
export async function rollImage(kube: Kube, image: string): Promise<void> {
  await kube.json('PATCH', `${DS_PATH}/${BENCH_APP}`, {
    spec: { template: { spec: { containers: [{ name: 'agent', image }] } } },
  });
}

/** The DaemonSet's status counters. */
export interface DaemonSetCounts {
  desired: number;
  ready: number;
  updated: number;
  generationObserved: boolean;
}

/** Reads the DaemonSet's status counters. */
export async function daemonSetCounts(
  kube: Kube,
  name = BENCH_APP,
): Promise<DaemonSetCounts> {
  const ds = await kube.json('GET', `${DS_PATH}/${name}`);
  return {
    desired: ds.status?.desiredNumberScheduled ?? 0,
    ready: ds.status?.numberReady ?? 0,
    updated: ds.status?.updatedNumberScheduled ?? 0,
    generationObserved:
      ds.status?.observedGeneration === ds.metadata.generation,
  };
}

/**
 * Waits until the rollout settles: counters unchanged for 5 s and every ready pod updated.
 * Pods on NotReady nodes never become ready, and an old one deleted there stays terminating
 * (no kubelet confirms it), so "all updated" and "all ready" may never happen. Rejects after
 * `timeoutMs`.
 */
export async function waitRolledOut(
  kube: Kube,
  timeoutMs: number,
  log: (m: string) => void,
  name = BENCH_APP,
): Promise<DaemonSetCounts> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  let stableSince = Date.now();
  for (;;) {
    const c = await daemonSetCounts(kube, name);
    const text = JSON.stringify(c);
    if (text !== last) {
      last = text;
      stableSince = Date.now();
      log(`  ds ${name}: ${text}`);
    }
    const settled =
      c.generationObserved && c.desired > 0 && c.updated >= c.ready;
    if (settled && Date.now() - stableSince > 5000) return c;
    if (Date.now() > deadline)
      throw new Error(`rollout did not settle: ${text}`);
    await new Promise(r => setTimeout(r, 1000));
  }
}

/** Names of the DaemonSet's pods on Ready (kwok-managed) nodes, for targeted deletes. */
export async function runningPodNames(
  kube: Kube,
  app = BENCH_APP,
): Promise<string[]> {
  const list = await kube.json(
    'GET',
    `/api/v1/namespaces/${BENCH_NAMESPACE}/pods?labelSelector=app%3D${app}`,
  );
  return list.items
    .filter((p: any) => p.status?.phase === 'Running')
    .map((p: any) => p.metadata.name as string);
}

/** Deletes one pod (the DaemonSet controller re-creates it). */
export async function deletePod(kube: Kube, name: string): Promise<void> {
  await kube.json(
    'DELETE',
    `/api/v1/namespaces/${BENCH_NAMESPACE}/pods/${name}`,
  );
}
