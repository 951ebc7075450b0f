/**
 * The entity annotations that say where an entity's DaemonSets run, named as Backstage's
 * Kubernetes plugin names them, so one catalog-info.yaml serves both plugins. The tab, its backend
 * and the catalog provider all read these names from here.
 *
 * @public
 */
export const KUBERNETES_ANNOTATIONS = Object.freeze({
  /** The value of the `backstage.io/kubernetes-id` label on the workload's pods. */
  id: 'backstage.io/kubernetes-id',
  /** A label selector for the workload's pods; takes precedence over `id`. */
  labelSelector: 'backstage.io/kubernetes-label-selector',
  /** Restricts the search to one namespace. */
  namespace: 'backstage.io/kubernetes-namespace',
  /** Restricts the search to one configured cluster. */
  cluster: 'backstage.io/kubernetes-cluster',
} as const);
