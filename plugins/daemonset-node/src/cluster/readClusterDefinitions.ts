import { Config } from '@backstage/config';
import { ClusterDefinition } from './types';

const SUPPORTED_AUTH_PROVIDERS = ['serviceAccount'];

/**
 * Reads the clusters configured under `kubernetes.clusterLocatorMethods` entries of type
 * `config`, the shape used by Backstage's Kubernetes plugin.
 *
 * @throws Error when two clusters share a name or use an unsupported auth provider: a mistake in
 * the portal's configuration, found at start-up, not a bad request (so not an `InputError`).
 * @public
 */
export function readClusterDefinitions(config: Config): ClusterDefinition[] {
  const methods =
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ClusterDefinition[] = [];
  for (const method of methods) {
    if (method.getString('type') !== 'config') {
      continue;
    }
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const authProvider =
        cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      if (!SUPPORTED_AUTH_PROVIDERS.includes(authProvider)) {
        throw new Error(
          `kubernetes cluster '${name}': authProvider '${authProvider}' is not supported; use one of ${SUPPORTED_AUTH_PROVIDERS.join(
            ', ',
          )}`,
        );
      }
      if (clusters.some(c => c.name === name)) {
        throw new Error(
          `kubernetes cluster '${name}' is configured more than once`,
        );
      }
      clusters.push({
        name,
        title: cluster.getOptionalString('title'),
        url: cluster.getString('url'),
        serviceAccountToken: cluster.getOptionalString('serviceAccountToken'),
        caData: cluster.getOptionalString('caData'),
        caFile: cluster.getOptionalString('caFile'),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
      });
    }
  }
  return clusters;
}
