import {
  applyObjects,
  ClusterDefinition,
  createKubeRequester,
  describeRollout,
  KubeRequester,
  ManifestObject,
  objectPath,
  waitForDaemonSetRollout,
} from '@daemonsets/plugin-daemonset-node';

/**
 * Applies approved manifests to a cluster and follows the rollout; what the approval service
 * needs of a cluster.
 *
 * @internal
 */
export interface ApprovalApplier {
  /** Server-side applies the objects, waits for the DaemonSet's rollout; returns a summary line. */
  apply(options: {
    cluster: ClusterDefinition;
    objects: ManifestObject[];
    signal?: AbortSignal;
  }): Promise<string>;
  /** What runs now for the objects (missing ones left out), without server-managed noise. */
  live(options: {
    cluster: ClusterDefinition;
    objects: ManifestObject[];
  }): Promise<object[]>;
}

const NOISY_ANNOTATIONS = ['kubectl.kubernetes.io/last-applied-configuration'];

function withoutNoise(object: Record<string, any>): object {
  const { managedFields: _managed, ...metadata } = object.metadata ?? {};
  if (metadata.annotations) {
    metadata.annotations = Object.fromEntries(
      Object.entries(metadata.annotations).filter(
        ([key]) => !NOISY_ANNOTATIONS.includes(key),
      ),
    );
  }
  return { ...object, metadata };
}

/**
 * The {@link ApprovalApplier} of the plugin: the same server-side apply and rollout wait as the
 * `daemonset:apply` action, as the cluster's configured service account.
 *
 * @internal
 */
export function createClusterApplier(options: {
  rolloutTimeoutSeconds: number;
  requesterFor?: (cluster: ClusterDefinition) => KubeRequester;
}): ApprovalApplier {
  const requesterFor = options.requesterFor ?? createKubeRequester;
  return {
    async apply({ cluster, objects, signal }) {
      const request = requesterFor(cluster);
      const applied = await applyObjects({ request, objects, signal });
      const daemonSet = applied.find(a => a.kind === 'DaemonSet')!;
      const rollout = await waitForDaemonSetRollout({
        request,
        namespace: daemonSet.namespace,
        name: daemonSet.name,
        timeoutSeconds: options.rolloutTimeoutSeconds,
        signal,
      });
      return `${applied
        .map(
          a =>
            `${a.kind} ${a.namespace}/${a.name} ${
              a.created ? 'created' : 'configured'
            }`,
        )
        .join(', ')}; rollout: ${describeRollout(rollout)}`;
    },
    async live({ cluster, objects }) {
      const request = requesterFor(cluster);
      const found: object[] = [];
      for (const object of objects) {
        const current = (await request({
          method: 'GET',
          path: objectPath(object),
        })) as Record<string, any> | undefined;
        if (current) found.push(withoutNoise(current));
      }
      return found;
    },
  };
}
