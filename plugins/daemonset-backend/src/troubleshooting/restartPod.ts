import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { ConflictError } from '@backstage/errors';
import { PodRestartResult } from '@daemonsets/plugin-daemonset-common';
import type { EntityPod } from './podAccess';
import { httpStatusOf } from '../watch/describeError';
import { abortable, clusterCallError } from './kubeCalls';

/**
 * Restarts a DaemonSet's pod by deleting it (its controller creates the replacement), with the
 * uid read when it was checked as a precondition, so a replacement of the same name is never
 * deleted by mistake.
 *
 * @throws ConflictError when the pod was replaced in between.
 * @internal
 */
export async function restartPod(
  kubeConfig: KubeConfig,
  target: EntityPod,
  signal?: AbortSignal,
): Promise<PodRestartResult> {
  const { ref, pod } = target;
  try {
    await kubeConfig.makeApiClient(CoreV1Api).deleteNamespacedPod(
      {
        namespace: ref.namespace,
        name: ref.pod,
        body: { preconditions: { uid: pod.metadata.uid } },
      },
      abortable(signal),
    );
  } catch (error) {
    if (httpStatusOf(error) === 409) {
      throw new ConflictError(
        `Pod ${ref.namespace}/${ref.pod} was replaced meanwhile; nothing was deleted`,
      );
    }
    throw clusterCallError(
      `delete pod ${ref.namespace}/${ref.pod} in cluster '${ref.cluster}'`,
      error,
    );
  }
  return {
    cluster: ref.cluster,
    namespace: ref.namespace,
    pod: ref.pod,
    uid: pod.metadata.uid,
    ...(pod.spec?.nodeName ? { node: pod.spec.nodeName } : {}),
  };
}
