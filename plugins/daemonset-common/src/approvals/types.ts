/**
 * Where an approval request is in its life.
 *
 * @remarks
 * `pending` → `approved` → `applying` → `applied` | `failed`; or `rejected`, `withdrawn` (by the
 * requester), `expired` (after `daemonset.approval.expireAfter`) or `superseded` (by a newer
 * request for the same cluster, namespace and name).
 *
 * @public
 */
export type ApprovalState =
  | 'pending'
  | 'approved'
  | 'applying'
  | 'applied'
  | 'failed'
  | 'rejected'
  | 'withdrawn'
  | 'expired'
  | 'superseded';

/**
 * Every {@link ApprovalState}, in lifecycle order.
 *
 * @public
 */
export const APPROVAL_STATES: readonly ApprovalState[] = [
  'pending',
  'approved',
  'applying',
  'applied',
  'failed',
  'rejected',
  'withdrawn',
  'expired',
  'superseded',
];

/**
 * One person's decision on an approval request.
 *
 * @public
 */
export interface ApprovalDecision {
  /** User entity ref of the person who decided. */
  by: string;
  /** What they decided. */
  decision: 'approve' | 'reject';
  /** Why, in their words. */
  comment?: string;
  /** ISO 8601 timestamp. */
  at: string;
}

/**
 * A request to apply a DaemonSet's manifests once enough people approved it.
 *
 * @public
 */
export interface ApprovalRequest {
  /** UUID. */
  id: string;
  /** Name of a cluster configured in the backend. */
  cluster: string;
  /** Namespace of the DaemonSet. */
  namespace: string;
  /** Name of the DaemonSet. */
  name: string;
  /** Catalog entity the request is for, when known. */
  entityRef?: string;
  /**
   * An edit's base revision (the DaemonSet's `metadata.generation` it was made from): the apply
   * after approval is refused, changing nothing, when the DaemonSet has changed since.
   */
  baseRevision?: number;
  /** The exact multi-document YAML that is applied on approval. */
  manifest: string;
  /** Hex SHA-256 of `manifest`. */
  sha256: string;
  /** Policy findings that made approval necessary, computed by the backend from `manifest`. */
  reasons: string[];
  /** Distinct approvers needed. */
  requiredApprovals: number;
  /** User entity ref of the requester, taken from the caller's credentials. */
  requester: string;
  /** Where the request is in its life. */
  state: ApprovalState;
  /** Every decision, in the order they were made. */
  decisions: ApprovalDecision[];
  /** ISO 8601 timestamp of the request. */
  createdAt: string;
  /** ISO 8601 timestamp of the last change. */
  updatedAt: string;
  /** ISO 8601 timestamp after which a pending request expires. */
  expiresAt: string;
  /** Id of the newer request for the same cluster, namespace and name. */
  supersededBy?: string;
  /** Why the apply failed or was refused (hash mismatch, policy now denies, cluster error). */
  error?: string;
  /** ISO 8601 timestamp of the successful apply. */
  appliedAt?: string;
}

/**
 * A list of approval requests, newest first.
 *
 * @public
 */
export interface ApprovalRequestList {
  /** The requests. */
  items: ApprovalRequest[];
}

/**
 * Body of `POST /approvals`.
 *
 * @public
 */
export interface CreateApprovalRequestInput {
  /** Name of a cluster configured in the backend. */
  cluster: string;
  /** Namespace of the DaemonSet; every object of the manifest must be in it. */
  namespace: string;
  /** Name of the DaemonSet; the manifest holds exactly this one DaemonSet. */
  name: string;
  /** Catalog entity the request is for, when known. */
  entityRef?: string;
  /** An edit's base revision: the DaemonSet's `metadata.generation` the edit was made from. */
  baseRevision?: number;
  /** Multi-document YAML: the DaemonSet and its Services. */
  manifest: string;
}

/**
 * Body of `POST /approvals/:id/decisions`.
 *
 * @public
 */
export interface ApprovalDecisionInput {
  /** Approve or reject. */
  decision: 'approve' | 'reject';
  /** Why, shown to the requester. */
  comment?: string;
}

/**
 * What runs now in the cluster for a request's objects (`GET /approvals/:id/live`), for the
 * review diff. Secret values are never included.
 *
 * @public
 */
export interface ApprovalLiveObjects {
  /** The objects that exist now, as the cluster returns them (without managedFields). */
  objects: object[];
}
