import { KubeConfig } from '@kubernetes/client-node';
import { ClusterDefinition } from './types';

/**
 * Builds a `KubeConfig` that acts as the cluster's configured service account.
 *
 * @public
 */
export function kubeConfigFor(cluster: ClusterDefinition): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server: cluster.url,
        caData: cluster.caData,
        caFile: cluster.caFile,
        skipTLSVerify: cluster.skipTLSVerify,
      },
    ],
    users: [{ name: cluster.name, token: cluster.serviceAccountToken }],
    contexts: [
      { name: cluster.name, cluster: cluster.name, user: cluster.name },
    ],
    currentContext: cluster.name,
  });
  return kubeConfig;
}
