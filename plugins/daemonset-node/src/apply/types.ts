/**
 * A Kubernetes object as plain JSON, the way it travels in a manifest.
 *
 * @public
 */
export interface ManifestObject {
  /** `apiVersion`, e.g. `apps/v1`. */
  apiVersion: string;
  /** `kind`, e.g. `DaemonSet`. */
  kind: string;
  /** Object metadata; `name` is required, `namespace` for namespaced kinds. */
  metadata: {
    name: string;
    namespace?: string;
    [key: string]: unknown;
  };
  /** Any other field of the object (`spec`, `data`...). */
  [key: string]: unknown;
}

/**
 * What one server-side apply did to one object.
 *
 * @public
 */
export interface AppliedObject {
  /** `DaemonSet` or `Service`. */
  kind: string;
  /** The object's namespace. */
  namespace: string;
  /** The object's name. */
  name: string;
  /** True when the object did not exist before the apply. */
  created: boolean;
  /** True when the apply created or modified the object (or would have, in a dry run). */
  changed: boolean;
  /** `metadata.generation` after the apply, when the kind has one. */
  generation?: number;
}

/**
 * The rollout state of a DaemonSet, from its status.
 *
 * @public
 */
export interface DaemonSetRollout {
  /** Nodes that should run a pod. */
  desired: number;
  /** Nodes running a pod of the current template. */
  updated: number;
  /** Nodes whose pod is ready. */
  ready: number;
  /** Nodes whose pod has been ready for `minReadySeconds`. */
  available: number;
  /** Nodes that should run an available pod but do not. */
  unavailable: number;
  /** True when the controller saw the latest spec and every node runs an available, updated pod. */
  complete: boolean;
  /**
   * Set for the `OnDelete` update strategy, under which pods take a new template only when
   * deleted: `complete` then ignores `updated`.
   */
  onDelete?: true;
}
