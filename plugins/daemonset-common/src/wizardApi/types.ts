/*
 * The wire contract of the wizard's routes in the backend plugin (`/api/daemonset/...`), shared
 * by the routes and the scaffolder field extensions that call them. Names and keys only: no
 * route ever answers with a Secret or ConfigMap value.
 */

/**
 * Whether the backend can reach a cluster's API server right now.
 *
 * @public
 */
export type ClusterConnectionState = 'connected' | 'failed' | 'unknown';

/**
 * A cluster configured in the portal, with its connection state.
 *
 * @public
 */
export interface WizardCluster {
  /** The cluster's name in the portal's configuration, as routes and annotations use it. */
  name: string;
  /** The cluster's display title from the configuration, when it has one. */
  title?: string;
  /**
   * The backend's last check of the cluster's API server; `unknown` when not checked (e.g. the
   * caller lacks the cluster read permission).
   */
  connection: {
    state: ClusterConnectionState;
    /** Why it failed, in words (never a credential); set when `state` is `failed`. */
    message?: string;
    /** ISO time of the check this state comes from. */
    checkedAt: string;
  };
}

/**
 * A namespace of a cluster, as the namespace picker shows it.
 *
 * @public
 */
export interface WizardNamespace {
  /** The namespace's name. */
  name: string;
  /**
   * What the approval policy says of a DaemonSet in this namespace: `allow`, or the decision of
   * the `protectedNamespaces` rule (`requireApproval` or `deny`) when the namespace is protected.
   */
  policy: 'allow' | 'requireApproval' | 'deny';
}

/**
 * A Secret or ConfigMap of a namespace: its name and the names of its keys, never the values.
 *
 * @public
 */
export interface WizardKeyedObject {
  /** The Secret's or ConfigMap's name. */
  name: string;
  /** For Secrets, the Secret type (e.g. `Opaque`, `kubernetes.io/dockerconfigjson`). */
  type?: string;
  /** Key names, sorted; values are dropped in the backend before anything leaves it. */
  keys: string[];
}

/**
 * A list answer of the wizard routes.
 *
 * @public
 */
export interface WizardList<T> {
  /** The listed items. */
  items: T[];
}

/**
 * Why a group of nodes would get no pod, in the words of the eligibility check the tab uses.
 *
 * @public
 */
export type PlacementExclusionKind =
  | 'taint'
  | 'nodeSelector'
  | 'nodeAffinity'
  | 'unschedulable'
  | 'other';

/**
 * The answer of `POST /clusters/{cluster}/placement`: where a DaemonSet with the given
 * scheduling fields would run, and what its requests cost across the fleet.
 *
 * @public
 */
export interface PlacementPreview {
  /** The cluster the preview is for. */
  cluster: string;
  /** Nodes in the cluster. */
  totalNodes: number;
  /** Nodes that would run a pod. */
  eligibleNodes: number;
  /** The excluded nodes grouped by reason, largest group first. */
  excluded: Array<{
    kind: PlacementExclusionKind;
    /** The reason as the tab words it, e.g. `taint dedicated=gpu:NoSchedule not tolerated`. */
    reason: string;
    count: number;
    /** Up to five node names of the group. */
    examples: string[];
  }>;
  /**
   * The pod's requests (sum over its containers) and the same times `eligibleNodes`; quantities
   * as numbers in base units (CPU cores, memory bytes, other resources as counts).
   */
  cost: {
    perPod: Record<string, number>;
    fleet: Record<string, number>;
  };
  /** ISO time of the node data the answer comes from. */
  observedAt: string;
}

/**
 * The body of `POST /clusters/{cluster}/placement`: the wizard's form data so far (a partial
 * `DaemonSetInput`); only the fields that decide placement and requests are read.
 *
 * @public
 */
export interface PlacementRequest {
  /** The wizard's form data so far. */
  input: Record<string, unknown>;
}
