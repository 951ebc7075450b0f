import type { KubeConfig, V1DaemonSet } from '@kubernetes/client-node';
import { apiServerGet, DaemonSetQuery, daemonSetsPath } from './request';

/** A list of DaemonSets and the resource version to watch from. @public */
export interface DaemonSetList {
  /** The DaemonSets, as plain JSON with `apiVersion` and `kind` set. */
  items: V1DaemonSet[];
  /** The list's resource version, where a watch continues. */
  resourceVersion: string;
}

/**
 * Lists the DaemonSets of `query` as plain JSON objects.
 *
 * @throws KubeStatusError on an HTTP error status, Node's network errors otherwise.
 * @public
 */
export async function listDaemonSets(
  kubeConfig: KubeConfig,
  query: DaemonSetQuery,
  signal: AbortSignal,
): Promise<DaemonSetList> {
  const res = await apiServerGet(
    kubeConfig,
    daemonSetsPath(query),
    { labelSelector: query.labelSelector },
    signal,
  );
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  return {
    items: (body.items ?? []).map((item: V1DaemonSet) => ({
      ...item,
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
    })),
    resourceVersion: body.metadata?.resourceVersion ?? '',
  };
}
