import {
  matchesLabelRequirements,
  parseLabelSelector,
} from '@daemonsets/plugin-daemonset-common';
import { KubernetesListObject, V1Pod } from '@kubernetes/client-node';

/**
 * The label the DaemonSet controller puts on every pod it creates (the hash of the pod
 * template's revision; StatefulSet pods carry it too).
 *
 * @internal
 */
export const DAEMONSET_POD_LABEL = 'controller-revision-hash';

/** Whether `selector` selects only pods a DaemonSet controller made. @internal */
export function requiresDaemonSetPods(selector: string): boolean {
  return parseLabelSelector(selector).some(isDaemonSetPodRequirement);
}

/** `selector` narrowed to pods made by a DaemonSet controller. @internal */
export function daemonSetPodsSelector(selector: string): string {
  return requiresDaemonSetPods(selector)
    ? selector
    : `${selector},${DAEMONSET_POD_LABEL}`;
}

function isDaemonSetPodRequirement(r: { key: string; operator: string }) {
  return r.key === DAEMONSET_POD_LABEL && r.operator === 'Exists';
}

/** What {@link listFromHeldPods} reads: a cache of every DaemonSet pod of a cluster. @internal */
export interface HeldPods {
  /** The pods known in `namespace` (all when undefined) and the resource version they are at. */
  contents(namespace?: string): {
    items: readonly V1Pod[];
    resourceVersion: string;
  };
}

/**
 * The pods `labelSelector` selects in `namespace`, read from `held` as a list at the version
 * `held` is at (a watch resumed from it misses nothing), or undefined when `labelSelector` may
 * select pods `held` does not keep (it must require {@link DAEMONSET_POD_LABEL}).
 *
 * @internal
 */
export function listFromHeldPods(
  held: HeldPods,
  namespace: string | undefined,
  labelSelector: string,
): KubernetesListObject<V1Pod> | undefined {
  const requirements = parseLabelSelector(labelSelector);
  if (!requirements.some(isDaemonSetPodRequirement)) return undefined;
  const { items, resourceVersion } = held.contents(namespace);
  if (!resourceVersion) return undefined;
  return {
    apiVersion: 'v1',
    kind: 'PodList',
    metadata: { resourceVersion },
    items: items.filter(pod =>
      matchesLabelRequirements(requirements, pod.metadata?.labels ?? {}),
    ),
  };
}
