import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  formatLabelSelector,
  KUBERNETES_ANNOTATIONS,
  labelValueProblem,
  parseLabelSelector,
} from '@daemonsets/plugin-daemonset-common';
import { dns1123Label } from '@daemonsets/plugin-daemonset-common/kubernetes';
import type { EntityWatchScope } from './EntityWatchScope';

/** Annotations shared with Backstage's Kubernetes plugin. @internal */
export const ANNOTATIONS = KUBERNETES_ANNOTATIONS;

function annotationError(annotation: string, problem: string): InputError {
  return new InputError(`Annotation ${annotation} is invalid: ${problem}`);
}

/**
 * Reads from an entity's annotations which DaemonSets it owns, as Backstage's Kubernetes plugin
 * does: `backstage.io/kubernetes-label-selector`, else `backstage.io/kubernetes-id=<id>`;
 * optionally restricted by `backstage.io/kubernetes-namespace` and `backstage.io/kubernetes-cluster`.
 *
 * @throws InputError (HTTP 400) naming the annotation when it is missing or malformed.
 * @internal
 */
export function entityWatchScope(
  entity: Entity,
  configuredClusters: readonly string[],
): EntityWatchScope {
  const annotations = entity.metadata.annotations ?? {};
  let labelSelector: string;
  const selectorText = annotations[ANNOTATIONS.labelSelector];
  const id = annotations[ANNOTATIONS.id];
  if (selectorText !== undefined) {
    try {
      labelSelector = formatLabelSelector(parseLabelSelector(selectorText));
    } catch (e) {
      throw annotationError(ANNOTATIONS.labelSelector, (e as Error).message);
    }
  } else if (id !== undefined) {
    const problem = id === '' ? 'it is empty' : labelValueProblem(id);
    if (problem) {
      throw annotationError(ANNOTATIONS.id, problem);
    }
    labelSelector = `${ANNOTATIONS.id}=${id}`;
  } else {
    throw new InputError(
      `Entity has neither the ${ANNOTATIONS.labelSelector} nor the ${ANNOTATIONS.id} annotation, so it owns no DaemonSet`,
    );
  }

  const namespace = annotations[ANNOTATIONS.namespace];
  if (namespace !== undefined && !dns1123Label.test(namespace)) {
    throw annotationError(
      ANNOTATIONS.namespace,
      `'${namespace}' is not a valid namespace name`,
    );
  }

  const cluster = annotations[ANNOTATIONS.cluster];
  if (cluster !== undefined && !configuredClusters.includes(cluster)) {
    throw annotationError(
      ANNOTATIONS.cluster,
      `cluster '${cluster}' is not configured`,
    );
  }
  const clusters = cluster !== undefined ? [cluster] : [...configuredClusters];

  const entityRef = stringifyEntityRef(entity);
  return {
    entityRef,
    clusters,
    namespace,
    labelSelector,
    key: JSON.stringify([
      entityRef,
      clusters,
      namespace ?? null,
      labelSelector,
    ]),
  };
}
