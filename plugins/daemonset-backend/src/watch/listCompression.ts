import type { ListCompression } from '../config/readPluginOptions';

const IN_CLUSTER_HOSTS = new Set([
  'kubernetes',
  'kubernetes.default',
  'kubernetes.default.svc',
  'kubernetes.default.svc.cluster.local',
]);

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(hostname)
  );
}

/**
 * Whether to ask an API server for its lists gzip-compressed. `auto` asks for gzip unless the
 * API server is on this machine (a loopback address) or is the cluster the backend runs in (the
 * `kubernetes` Service, or `KUBERNETES_SERVICE_HOST`): there the bytes cost nothing to carry,
 * while compressing 40 MB of pods costs the API server, and inflating it the backend, about a
 * third of the read (docs/benchmarks.md).
 *
 * @internal
 */
export function compressesLists(
  setting: ListCompression,
  apiServerUrl: string,
  inClusterHost: string | undefined = process.env.KUBERNETES_SERVICE_HOST,
): boolean {
  if (setting !== 'auto') return setting === 'gzip';
  let hostname: string;
  try {
    hostname = new URL(apiServerUrl).hostname.toLowerCase();
  } catch {
    return true;
  }
  const local =
    isLoopback(hostname) ||
    IN_CLUSTER_HOSTS.has(hostname) ||
    (inClusterHost !== undefined &&
      inClusterHost !== '' &&
      hostname === inClusterHost.toLowerCase());
  return !local;
}
