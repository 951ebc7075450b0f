import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  daemonSetEntityName,
  DESCRIPTION_ANNOTATION,
  KUBERNETES_ANNOTATIONS,
  OWNER_ANNOTATION,
  SYSTEM_ANNOTATION,
} from '@daemonsets/plugin-daemonset-common';
import type { V1DaemonSet } from '@kubernetes/client-node';
import { isEntityRef } from './entityRefs';
import { ProviderOptions } from './providerOptions';

/** The cluster a DaemonSet was read from. */
export interface SourceCluster {
  name: string;
  title?: string;
}

/** The result of mapping: an entity, or why the DaemonSet is left out. */
export type MappedDaemonSet =
  | { entity: Entity; skipped?: undefined }
  | { entity?: undefined; skipped: string };

/** The location the provider's entities are managed by: one per cluster. */
export function providerLocation(cluster: string): string {
  return `daemonset:${cluster}`;
}

function included(
  ds: V1DaemonSet,
  cluster: string,
  include: ProviderOptions['include'],
): boolean {
  return Boolean(
    include &&
      (!include.clusters || include.clusters.includes(cluster)) &&
      (!include.namespaces ||
        include.namespaces.includes(ds.metadata?.namespace ?? '')) &&
      include.labels(ds.metadata?.labels ?? {}),
  );
}

/** How the tab finds the DaemonSet: its kubernetes-id label, else all its labels. */
function selectorAnnotations(
  labels: Record<string, string>,
): Record<string, string> {
  const id = labels[KUBERNETES_ANNOTATIONS.id];
  if (id) return { [KUBERNETES_ANNOTATIONS.id]: id };
  const keys = Object.keys(labels).sort();
  return keys.length > 0
    ? {
        [KUBERNETES_ANNOTATIONS.labelSelector]: keys
          .map(k => `${k}=${labels[k]}`)
          .join(','),
      }
    : {};
}

/**
 * Maps a DaemonSet to its catalog Component: the ones with the ownership annotation, and the
 * ones the `include` filter names. The entity name comes from where the DaemonSet actually is
 * (cluster, namespace, name), not from its `daemonsets.dev/entity-name` annotation, so a
 * manifest applied to another cluster than planned still gets a name of its own.
 */
export function daemonSetEntity(
  ds: V1DaemonSet,
  cluster: SourceCluster,
  options: Pick<ProviderOptions, 'include' | 'lifecycle'>,
): MappedDaemonSet {
  const name = ds.metadata?.name;
  const namespace = ds.metadata?.namespace;
  if (!name || !namespace) return { skipped: 'it has no name or namespace' };
  const annotations = ds.metadata?.annotations ?? {};
  const labels = ds.metadata?.labels ?? {};
  let owner = annotations[OWNER_ANNOTATION];
  if (owner === undefined) {
    if (!included(ds, cluster.name, options.include)) {
      return { skipped: `it has no ${OWNER_ANNOTATION} annotation` };
    }
    owner = options.include!.defaultOwner;
  }
  if (!isEntityRef(owner, 'group')) {
    return {
      skipped: `its ${OWNER_ANNOTATION} annotation '${owner}' is not an entity reference`,
    };
  }
  const system = annotations[SYSTEM_ANNOTATION];
  if (system !== undefined && !isEntityRef(system, 'system')) {
    return {
      skipped: `its ${SYSTEM_ANNOTATION} annotation '${system}' is not an entity reference`,
    };
  }
  const location = `${providerLocation(cluster.name)}`;
  const description = annotations[DESCRIPTION_ANNOTATION];
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: daemonSetEntityName({ cluster: cluster.name, namespace, name }),
        namespace: 'default',
        title: `${name} (${namespace} on ${cluster.title ?? cluster.name})`,
        ...(description ? { description } : {}),
        annotations: {
          [ANNOTATION_LOCATION]: location,
          [ANNOTATION_ORIGIN_LOCATION]: location,
          ...selectorAnnotations(labels),
          [KUBERNETES_ANNOTATIONS.namespace]: namespace,
          [KUBERNETES_ANNOTATIONS.cluster]: cluster.name,
        },
        tags: ['daemonset'],
      },
      spec: {
        type: 'daemonset',
        lifecycle: options.lifecycle,
        owner,
        ...(system ? { system } : {}),
      },
    },
  };
}
