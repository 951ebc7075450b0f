import {
  discoveryApiRef,
  fetchApiRef,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/** CPU and memory in use by one pod, from the cluster's metrics API. */
export interface PodUsage {
  name: string;
  cpuMillicores: number;
  memoryBytes: number;
}

/** Pod CPU/memory of one DaemonSet, or `available: false` when the cluster has no metrics API. */
export type DaemonSetPodMetrics =
  | { available: false }
  | { available: true; pods: PodUsage[] };

/** Which DaemonSet to read pod metrics of. */
export interface PodMetricsTarget {
  cluster: string;
  namespace: string;
  name: string;
}

/**
 * Reads the pod CPU/memory of one of the current entity's DaemonSets from the backend, once per
 * DaemonSet shown (the metrics API samples every ~15 s; the tab shows a point-in-time figure).
 */
export function usePodMetrics(target: PodMetricsTarget) {
  const holder = useApiHolder();
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const path = [
    ref.namespace,
    ref.kind,
    ref.name,
    'metrics',
    target.cluster,
    target.namespace,
    target.name,
  ]
    .map(encodeURIComponent)
    .join('/');
  return useAsync(async (): Promise<DaemonSetPodMetrics | undefined> => {
    const discovery = holder.get(discoveryApiRef);
    const fetchApi = holder.get(fetchApiRef);
    if (!discovery || !fetchApi) return undefined;
    const base = await discovery.getBaseUrl('daemonset');
    const response = await fetchApi.fetch(`${base}/entity/${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as DaemonSetPodMetrics;
  }, [holder, path]);
}
