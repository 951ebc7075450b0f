import { Entity } from '@backstage/catalog-model';
import { KUBERNETES_ANNOTATIONS } from '@daemonsets/plugin-daemonset-common';

/** Annotations read the same way as Backstage's Kubernetes plugin. @public */
export const KUBERNETES_ID_ANNOTATION = KUBERNETES_ANNOTATIONS.id;
/**
 * Annotation with a label selector for the entity's workloads; takes precedence over
 * {@link KUBERNETES_ID_ANNOTATION}.
 *
 * @public
 */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  KUBERNETES_ANNOTATIONS.labelSelector;

/**
 * Whether an entity carries the annotations the DaemonSet tab needs to find its workloads.
 * Use it with `EntitySwitch` or as the tab's filter.
 *
 * @public
 */
export function isDaemonSetAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION]?.trim() ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION]?.trim(),
  );
}
