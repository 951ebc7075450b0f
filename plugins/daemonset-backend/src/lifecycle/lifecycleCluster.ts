import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { ApiException, AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import {
  applyObjects,
  assertBaseRevision,
  ClusterDefinition,
  createKubeRequester,
  kubeConfigFor,
  ManifestObject,
} from '@daemonsets/plugin-daemonset-node';
import { describeError } from '../watch/describeError';
import type { KubeJson } from './revisions';

/**
 * What the lifecycle routes do in one cluster, as the cluster's configured service account.
 *
 * @internal
 */
export interface LifecycleCluster {
  readonly name: string;
  /** DaemonSets matching a label selector, in a namespace or in all. */
  findDaemonSets(
    labelSelector: string,
    namespace?: string,
  ): Promise<KubeJson[]>;
  /** The ControllerRevisions of the DaemonSet's namespace. */
  controllerRevisions(namespace: string): Promise<KubeJson[]>;
  /** The Services of the namespace that select exactly the DaemonSet's pods. */
  servicesOf(daemonSet: KubeJson): Promise<KubeJson[]>;
  /** Refuses (409) when the DaemonSet's generation is not `baseRevision`. */
  assertBaseRevision(
    namespace: string,
    name: string,
    baseRevision: number,
  ): Promise<void>;
  /** Server-side applies the objects; returns the DaemonSet's new generation. */
  apply(objects: ManifestObject[]): Promise<number | undefined>;
  /** Deletes a DaemonSet (its pods go in the background) or a Service. */
  delete(
    kind: 'DaemonSet' | 'Service',
    namespace: string,
    name: string,
  ): Promise<void>;
}

/** The object as the API server's JSON: dates as ISO strings, unset fields left out. */
function toJson(value: unknown): KubeJson {
  return JSON.parse(JSON.stringify(value));
}

async function call<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ApiException) {
      if (error.code === 404) throw new NotFoundError(`${what}: not found`);
      if (error.code === 409) throw new ConflictError(`${what}: conflict`);
    }
    throw new ServiceUnavailableError(`${what}: ${describeError(error)}`);
  }
}

function sameSelector(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
): boolean {
  const keys = Object.keys(a ?? {});
  return (
    keys.length > 0 &&
    keys.length === Object.keys(b ?? {}).length &&
    keys.every(key => a![key] === b![key])
  );
}

/** The {@link LifecycleCluster} of a configured cluster. @internal */
export function createLifecycleCluster(
  cluster: ClusterDefinition,
): LifecycleCluster {
  const config = kubeConfigFor(
    new URL(cluster.url).protocol === 'http:'
      ? { ...cluster, skipTLSVerify: true }
      : cluster,
  );
  const apps = config.makeApiClient(AppsV1Api);
  const core = config.makeApiClient(CoreV1Api);
  const request = createKubeRequester(cluster);
  return {
    name: cluster.name,
    async findDaemonSets(labelSelector, namespace) {
      const list = await call(`Listing DaemonSets in ${cluster.name}`, () =>
        namespace
          ? apps.listNamespacedDaemonSet({ namespace, labelSelector })
          : apps.listDaemonSetForAllNamespaces({ labelSelector }),
      );
      return list.items.map(item => toJson(item));
    },
    async controllerRevisions(namespace) {
      const list = await call(
        `Listing ControllerRevisions in ${cluster.name}`,
        () => apps.listNamespacedControllerRevision({ namespace }),
      );
      return list.items.map(item => toJson(item));
    },
    async servicesOf(daemonSet) {
      const namespace = daemonSet.metadata.namespace;
      const list = await call(`Listing Services in ${cluster.name}`, () =>
        core.listNamespacedService({ namespace }),
      );
      return list.items
        .map(item => toJson(item))
        .filter(service =>
          sameSelector(
            service.spec?.selector,
            daemonSet.spec?.selector?.matchLabels,
          ),
        );
    },
    assertBaseRevision(namespace, name, baseRevision) {
      return assertBaseRevision({
        request,
        cluster: cluster.name,
        namespace,
        name,
        baseRevision,
      });
    },
    async apply(objects) {
      const applied = await applyObjects({ request, objects });
      return applied.find(a => a.kind === 'DaemonSet')?.generation;
    },
    async delete(kind, namespace, name) {
      const what = `Deleting ${kind} ${namespace}/${name} in ${cluster.name}`;
      if (kind === 'DaemonSet') {
        await call(what, () =>
          apps.deleteNamespacedDaemonSet({
            name,
            namespace,
            propagationPolicy: 'Background',
          }),
        );
      } else {
        await call(what, () =>
          core.deleteNamespacedService({ name, namespace }),
        );
      }
    },
  };
}
