/**
 * Where an entity's DaemonSets live: the clusters, namespace and label selector to watch.
 *
 * @remarks
 * Plain values, computed from the entity's annotations by the HTTP layer (`entityWatchScope`),
 * so the watch layer needs nothing from above it.
 *
 * @internal
 */
export interface EntityWatchScope {
  entityRef: string;
  /** Names of the configured clusters to look in. */
  clusters: string[];
  /** Undefined: every namespace. */
  namespace?: string;
  /** Canonical label selector string. */
  labelSelector: string;
  /** Identifies the scope: equal keys watch the same objects. */
  key: string;
}
