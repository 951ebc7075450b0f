import { NotFoundError } from '@backstage/errors';
import {
  AppsV1Api,
  CustomObjectsApi,
  type KubeConfig,
} from '@kubernetes/client-node';
import { abortable, clusterCallError } from '../troubleshooting/kubeCalls';
import { httpStatusOf } from '../watch/describeError';
import type { EntityWatchScope } from '../watch/EntityWatchScope';

/** CPU and memory in use by one pod, summed over its containers. @internal */
export interface PodUsage {
  name: string;
  /** CPU in millicores. */
  cpuMillicores: number;
  memoryBytes: number;
}

/**
 * Pod CPU/memory of one DaemonSet: `available: false` when the cluster serves no
 * `metrics.k8s.io` (no metrics-server), so the tab can say so rather than show zeros.
 *
 * @internal
 */
export type DaemonSetPodMetrics =
  | { available: false }
  | { available: true; pods: PodUsage[] };

const METRICS_API = { group: 'metrics.k8s.io', version: 'v1beta1' };

const CPU_UNITS: Record<string, number> = { n: 1e-6, u: 1e-3, m: 1, '': 1000 };
const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

function parseQuantity(
  value: string | undefined,
  units: Record<string, number>,
): number {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(value ?? '');
  const factor = match ? units[match[2]] : undefined;
  return match && factor !== undefined ? Number(match[1]) * factor : 0;
}

interface PodMetricsList {
  items?: {
    metadata?: { name?: string };
    containers?: { usage?: { cpu?: string; memory?: string } }[];
  }[];
}

/** Sums a PodMetrics list per pod. @internal */
export function toPodUsage(list: PodMetricsList): PodUsage[] {
  return (list.items ?? []).flatMap(item => {
    const name = item.metadata?.name;
    if (!name) return [];
    let cpu = 0;
    let memory = 0;
    for (const c of item.containers ?? []) {
      cpu += parseQuantity(c.usage?.cpu, CPU_UNITS);
      memory += parseQuantity(c.usage?.memory, MEMORY_UNITS);
    }
    return [
      {
        name,
        cpuMillicores: Math.round(cpu),
        memoryBytes: Math.round(memory),
      },
    ];
  });
}

/** Whether the cluster serves the metrics API, by discovery of its group version. */
async function hasMetricsApi(
  api: CustomObjectsApi,
  signal?: AbortSignal,
): Promise<boolean> {
  try {
    await api.getAPIResources(METRICS_API, abortable(signal));
    return true;
  } catch (error) {
    // 404: not registered; 503: an APIService registered with its backend down.
    const status = httpStatusOf(error);
    if (status === 404 || status === 503) {
      return false;
    }
    throw clusterCallError('discover the metrics API', error);
  }
}

/**
 * Reads the CPU/memory of the pods of one of an entity's DaemonSets from `metrics.k8s.io`,
 * selecting them with the DaemonSet's own pod selector. A DaemonSet outside the entity's
 * namespace and label selector is "not found".
 *
 * @internal
 */
export async function readDaemonSetPodMetrics(
  kubeConfig: KubeConfig,
  scope: EntityWatchScope,
  daemonSet: { namespace: string; name: string },
  signal?: AbortSignal,
): Promise<DaemonSetPodMetrics> {
  const notFound = new NotFoundError(
    `DaemonSet ${daemonSet.namespace}/${daemonSet.name} is not a DaemonSet of ${scope.entityRef}`,
  );
  if (
    scope.namespace !== undefined &&
    scope.namespace !== daemonSet.namespace
  ) {
    throw notFound;
  }
  const selected = await kubeConfig
    .makeApiClient(AppsV1Api)
    .listNamespacedDaemonSet(
      {
        namespace: daemonSet.namespace,
        labelSelector: scope.labelSelector,
        fieldSelector: `metadata.name=${daemonSet.name}`,
      },
      abortable(signal),
    )
    .catch(error => {
      throw clusterCallError(
        `read DaemonSet ${daemonSet.namespace}/${daemonSet.name}`,
        error,
      );
    });
  const matchLabels = selected.items?.[0]?.spec?.selector?.matchLabels;
  if (!matchLabels) throw notFound;
  const metrics = kubeConfig.makeApiClient(CustomObjectsApi);
  if (!(await hasMetricsApi(metrics, signal))) return { available: false };
  const list: PodMetricsList = await metrics
    .listNamespacedCustomObject(
      {
        ...METRICS_API,
        namespace: daemonSet.namespace,
        plural: 'pods',
        labelSelector: Object.entries(matchLabels)
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
      },
      abortable(signal),
    )
    .catch(error => {
      throw clusterCallError('read pod metrics', error);
    });
  return { available: true, pods: toPodUsage(list) };
}
