import { InputError, NotFoundError } from '@backstage/errors';
import { AppsV1Api, CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  dns1123Label,
  dns1123Subdomain,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import type { EntityWatchScope } from '../watch/EntityWatchScope';
import { httpStatusOf } from '../watch/describeError';
import { abortable, clusterCallError } from './kubeCalls';

/** Which pod a troubleshooting route is about, as its path names it. @internal */
export interface PodRef {
  cluster: string;
  namespace: string;
  pod: string;
}

/** The fields of a pod the troubleshooting routes read. @internal */
export interface TroubleshootingPod {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    ownerReferences?: {
      apiVersion?: string;
      kind?: string;
      name?: string;
      uid?: string;
      controller?: boolean;
    }[];
  };
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string }[];
  };
}

/** A pod of one of an entity's DaemonSets, checked. @internal */
export interface EntityPod {
  ref: PodRef;
  pod: TroubleshootingPod;
  /** Name of the owning DaemonSet. */
  daemonSet: string;
}

/**
 * Checks the path parameters naming a pod: a configured cluster of the entity, and valid
 * namespace and pod names.
 *
 * @throws InputError naming the parameter and the rule.
 * @internal
 */
export function parsePodRef(
  params: Record<string, string>,
  scope: EntityWatchScope,
): PodRef {
  const { cluster, podNamespace, pod } = params;
  if (!scope.clusters.includes(cluster)) {
    throw new InputError(
      `cluster: '${cluster}' is not a cluster of this entity's DaemonSets (${scope.clusters.join(
        ', ',
      )})`,
    );
  }
  if (!dns1123Label.test(podNamespace)) {
    throw new InputError(
      `namespace: '${podNamespace}' is not a valid namespace name (a DNS label)`,
    );
  }
  if (!dns1123Subdomain.test(pod)) {
    throw new InputError(
      `pod: '${pod}' is not a valid pod name (a DNS subdomain)`,
    );
  }
  return { cluster, namespace: podNamespace, pod };
}

/**
 * Reads a pod and checks that one of the entity's DaemonSets controls it: its controller owner
 * is a DaemonSet that the entity's label selector (and namespace annotation) selects, with the
 * same uid. A pod that is missing and a pod of anything else are both "not found", so no route
 * reads arbitrary pods by name or tells whether they exist.
 *
 * @throws NotFoundError, or ServiceUnavailableError when the cluster cannot answer.
 * @internal
 */
export async function loadEntityPod(
  kubeConfig: KubeConfig,
  scope: EntityWatchScope,
  ref: PodRef,
  signal?: AbortSignal,
): Promise<EntityPod> {
  const notFound = new NotFoundError(
    `Pod ${ref.namespace}/${ref.pod} in cluster '${ref.cluster}' is not a pod of the DaemonSets of ${scope.entityRef}`,
  );
  if (scope.namespace !== undefined && scope.namespace !== ref.namespace) {
    throw notFound;
  }
  let pod: TroubleshootingPod;
  try {
    pod = (await kubeConfig
      .makeApiClient(CoreV1Api)
      .readNamespacedPod(
        { namespace: ref.namespace, name: ref.pod },
        abortable(signal),
      )) as TroubleshootingPod;
  } catch (error) {
    if (httpStatusOf(error) === 404) {
      throw notFound;
    }
    throw clusterCallError(
      `read pod ${ref.namespace}/${ref.pod} in cluster '${ref.cluster}'`,
      error,
    );
  }
  const owner = pod.metadata.ownerReferences?.find(
    o => o.controller && o.kind === 'DaemonSet' && o.apiVersion === 'apps/v1',
  );
  if (!owner?.name || !owner.uid) throw notFound;
  const selected = await kubeConfig
    .makeApiClient(AppsV1Api)
    .listNamespacedDaemonSet(
      {
        namespace: ref.namespace,
        labelSelector: scope.labelSelector,
        fieldSelector: `metadata.name=${owner.name}`,
      },
      abortable(signal),
    )
    .catch(error => {
      throw clusterCallError(
        `read the DaemonSet of pod ${ref.namespace}/${ref.pod} in cluster '${ref.cluster}'`,
        error,
      );
    });
  if (!selected.items?.some(d => d.metadata?.uid === owner.uid)) {
    throw notFound;
  }
  return { ref, pod, daemonSet: owner.name };
}
