import {
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestClusterOptions,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1DaemonSet,
  V1DaemonSetUpdateStrategy,
} from '@kubernetes/client-node';

/** The admin's typed client configuration of a local cluster (the tests' own, not the portal's). */
export function adminKubeConfig(cluster: TestCluster): KubeConfig {
  const config = new KubeConfig();
  config.loadFromFile(cluster.kubeconfigPath);
  return config;
}

/** The admin's `apps/v1` and core clients of a local cluster. */
export function adminClients(cluster: TestCluster): {
  apps: AppsV1Api;
  core: CoreV1Api;
} {
  const config = adminKubeConfig(cluster);
  return {
    apps: config.makeApiClient(AppsV1Api),
    core: config.makeApiClient(CoreV1Api),
  };
}

/**
 * A test file's suite on a local cluster, decided when the file loads, before it declares its
 * tests: under CI a missing cluster fails the file (throws); elsewhere the suite is skipped, with
 * the reason in its title.
 */
export function clusterSuite(
  title: string,
  options: TestClusterOptions = {},
): { describe: jest.Describe; title: string; skipReason?: string } {
  const skipReason = clusterSkipReason(options);
  return {
    describe: skipReason ? describe.skip : describe,
    title: `${title}${skipReason ? ` (skipped: ${skipReason})` : ''}`,
    skipReason,
  };
}

/** The shared local cluster, a namespace of the test's own on it and the admin's clients. */
export async function clusterNamespace(prefix: string): Promise<{
  cluster: TestCluster;
  ns: TestNamespace;
  apps: AppsV1Api;
  core: CoreV1Api;
}> {
  const cluster = await getTestCluster();
  const ns = await createTestNamespace(cluster, prefix);
  return { cluster, ns, ...adminClients(cluster) };
}

/** A one-container DaemonSet `name` whose pods carry the label `app=<name>`. */
export function labelledDaemonSet(
  name: string,
  namespace: string,
  image: string,
  updateStrategy?: V1DaemonSetUpdateStrategy,
): V1DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      ...(updateStrategy ? { updateStrategy } : {}),
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'agent', image }] },
      },
    },
  };
}
