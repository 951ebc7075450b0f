/**
 * The backend configuration that points a test backend at the local cluster, in the shape of
 * Backstage's Kubernetes plugin (`kubernetes.clusterLocatorMethods`, type `config`), so that the
 * integration tests and benchmarks do not each spell it out.
 */

/** What of a {@link TestCluster} the configuration needs. */
export interface ClusterConnection {
  server: string;
  caData: string;
  portalToken: string;
}

/**
 * One entry of `kubernetes.clusterLocatorMethods[].clusters` (a type, not an interface, so that it
 * fits where configuration data is typed as `JsonObject`).
 */
export type ClusterConfigEntry = {
  name: string;
  url: string;
  serviceAccountToken: string;
  caData?: string;
};

/** Options of {@link clusterEntryFor} and {@link clusterConfigFor}. */
export interface ClusterEntryOptions {
  /** The cluster's name in the portal (default `local`). */
  name?: string;
  /** The bearer token the backend uses (default the least-privileged portal token). */
  token?: string;
  /** Another API server URL for the same CA, e.g. a proxy in front of the cluster. */
  url?: string;
}

/** The entry of the local cluster, by default `local` with the portal's token. */
export function clusterEntryFor(
  cluster: ClusterConnection,
  options: ClusterEntryOptions = {},
): ClusterConfigEntry {
  return {
    name: options.name ?? 'local',
    url: options.url ?? cluster.server,
    serviceAccountToken: options.token ?? cluster.portalToken,
    caData: cluster.caData,
  };
}

/** The `kubernetes` configuration block of a backend that reads the given clusters. */
export type KubernetesClustersConfig = {
  kubernetes: {
    clusterLocatorMethods: Array<{
      type: 'config';
      clusters: ClusterConfigEntry[];
    }>;
  };
};

/**
 * `{ kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters }] } }` holding the local
 * cluster's entry ({@link clusterEntryFor}) followed by `more` (another name or token for the
 * same cluster, or a broken cluster), to spread into a test backend's configuration.
 */
export function clusterConfigFor(
  cluster: ClusterConnection,
  options: ClusterEntryOptions = {},
  ...more: ClusterConfigEntry[]
): KubernetesClustersConfig {
  return {
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [clusterEntryFor(cluster, options), ...more],
        },
      ],
    },
  };
}
