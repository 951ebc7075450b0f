import {
  ApprovalDecision,
  ApprovalRequest,
  ApprovalState,
} from '@daemonsets/plugin-daemonset-common';
import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import { ApprovalQuery } from './permissionRules';

const REQUESTS = 'daemonset_approval_requests';
const DECISIONS = 'daemonset_approval_decisions';

interface RequestRow {
  id: string;
  cluster: string;
  namespace: string;
  name: string;
  entity_ref: string | null;
  base_revision?: number | null;
  manifest: string;
  sha256: string;
  reasons: string;
  required_approvals: number;
  requester: string;
  state: ApprovalState;
  created_at: string;
  updated_at: string;
  expires_at: string;
  superseded_by: string | null;
  error: string | null;
  applied_at: string | null;
}

interface DecisionRow {
  request_id: string;
  by: string;
  decision: 'approve' | 'reject';
  comment: string | null;
  at: string;
}

/** Filters of `GET /approvals`. @internal */
export interface ApprovalFilter {
  state?: ApprovalState;
  cluster?: string;
  namespace?: string;
  name?: string;
  entityRef?: string;
}

/** Who may see what: conditions of `daemonset.request.read` and the caller they refer to. @internal */
export interface ApprovalAccess {
  criteria: PermissionCriteria<ApprovalQuery>;
  callerRef: string;
}

/** What {@link ApprovalStore.decide} did. @internal */
export type DecideOutcome =
  | { kind: 'not-found' }
  | { kind: 'not-pending'; state: ApprovalState }
  | { kind: 'already-decided' }
  | { kind: 'recorded'; state: ApprovalState };

function toRow(request: ApprovalRequest): RequestRow {
  return {
    id: request.id,
    cluster: request.cluster,
    namespace: request.namespace,
    name: request.name,
    entity_ref: request.entityRef ?? null,
    base_revision: request.baseRevision ?? null,
    manifest: request.manifest,
    sha256: request.sha256,
    reasons: JSON.stringify(request.reasons),
    required_approvals: request.requiredApprovals,
    requester: request.requester,
    state: request.state,
    created_at: request.createdAt,
    updated_at: request.updatedAt,
    expires_at: request.expiresAt,
    superseded_by: request.supersededBy ?? null,
    error: request.error ?? null,
    applied_at: request.appliedAt ?? null,
  };
}

function fromRow(row: RequestRow, decisions: DecisionRow[]): ApprovalRequest {
  return {
    id: row.id,
    cluster: row.cluster,
    namespace: row.namespace,
    name: row.name,
    ...(row.entity_ref !== null && { entityRef: row.entity_ref }),
    ...(row.base_revision !== null &&
      row.base_revision !== undefined && {
        baseRevision: Number(row.base_revision),
      }),
    manifest: row.manifest,
    sha256: row.sha256,
    reasons: JSON.parse(row.reasons),
    requiredApprovals: Number(row.required_approvals),
    requester: row.requester,
    state: row.state,
    decisions: decisions.map(d => ({
      by: d.by,
      decision: d.decision,
      ...(d.comment !== null && { comment: d.comment }),
      at: d.at,
    })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    expiresAt: row.expires_at,
    ...(row.superseded_by !== null && { supersededBy: row.superseded_by }),
    ...(row.error !== null && { error: row.error }),
    ...(row.applied_at !== null && { appliedAt: row.applied_at }),
  };
}

function applyCriteria(
  query: Knex.QueryBuilder,
  criteria: PermissionCriteria<ApprovalQuery>,
  callerRef: string,
): void {
  if ('allOf' in criteria) {
    query.where(q => {
      for (const c of criteria.allOf)
        q.andWhere(s => applyCriteria(s, c, callerRef));
    });
  } else if ('anyOf' in criteria) {
    query.where(q => {
      for (const c of criteria.anyOf)
        q.orWhere(s => applyCriteria(s, c, callerRef));
    });
  } else if ('not' in criteria) {
    query.whereNot(q => applyCriteria(q, criteria.not, callerRef));
  } else if (criteria.kind === 'isRequester') {
    query.where('requester', callerRef);
  }
}

/**
 * Approval requests and their decisions in the plugin's database.
 *
 * @remarks
 * State changes are conditional updates (`WHERE id = ? AND state = ?`): whichever backend
 * instance changes the row first wins, the others see no row changed. That is what makes an
 * approved request apply once, however many instances share the database.
 *
 * @internal
 */
export class ApprovalStore {
  constructor(private readonly db: Knex) {}

  /** Stores a new request and supersedes the pending ones for the same DaemonSet; returns their ids. */
  async insert(request: ApprovalRequest): Promise<string[]> {
    return this.db.transaction(async tx => {
      const older: Array<{ id: string }> = await tx(REQUESTS)
        .where({
          cluster: request.cluster,
          namespace: request.namespace,
          name: request.name,
          state: 'pending',
        })
        .select('id');
      await tx(REQUESTS).insert(toRow(request));
      if (older.length > 0) {
        await tx(REQUESTS)
          .whereIn(
            'id',
            older.map(o => o.id),
          )
          .andWhere('state', 'pending')
          .update({
            state: 'superseded',
            superseded_by: request.id,
            updated_at: request.createdAt,
          });
      }
      return older.map(o => o.id);
    });
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const row: RequestRow | undefined = await this.db(REQUESTS)
      .where('id', id)
      .first();
    if (!row) return undefined;
    const decisions: DecisionRow[] = await this.db(DECISIONS)
      .where('request_id', id)
      .orderBy('id');
    return fromRow(row, decisions);
  }

  /** Requests matching the filter and the caller's access, newest first. */
  async list(
    filter: ApprovalFilter,
    access?: ApprovalAccess,
  ): Promise<ApprovalRequest[]> {
    const query = this.db<RequestRow>(REQUESTS);
    if (filter.state) query.where('state', filter.state);
    if (filter.cluster) query.where('cluster', filter.cluster);
    if (filter.namespace) query.where('namespace', filter.namespace);
    if (filter.name) query.where('name', filter.name);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (access) applyCriteria(query, access.criteria, access.callerRef);
    const rows: RequestRow[] = await query
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(500);
    if (rows.length === 0) return [];
    const decisions: DecisionRow[] = await this.db(DECISIONS)
      .whereIn(
        'request_id',
        rows.map(r => r.id),
      )
      .orderBy('id');
    return rows.map(row =>
      fromRow(
        row,
        decisions.filter(d => d.request_id === row.id),
      ),
    );
  }

  /**
   * Records one person's decision on a pending request, and moves it to `rejected`, or to
   * `approved` once `required_approvals` distinct people approved, in one transaction.
   */
  async decide(id: string, decision: ApprovalDecision): Promise<DecideOutcome> {
    return this.db.transaction(async tx => {
      // Locks the row (PostgreSQL) so concurrent deciders of one request go one after another.
      const touched = await tx(REQUESTS)
        .where({ id, state: 'pending' })
        .update({ updated_at: decision.at });
      if (touched === 0) {
        const row: RequestRow | undefined = await tx(REQUESTS)
          .where('id', id)
          .first();
        return row
          ? { kind: 'not-pending', state: row.state }
          : { kind: 'not-found' };
      }
      const existing = await tx(DECISIONS)
        .where({ request_id: id, by: decision.by })
        .first();
      if (existing) return { kind: 'already-decided' };
      await tx(DECISIONS).insert({
        request_id: id,
        by: decision.by,
        decision: decision.decision,
        comment: decision.comment ?? null,
        at: decision.at,
      });
      let state: ApprovalState = 'pending';
      if (decision.decision === 'reject') {
        state = 'rejected';
      } else {
        const row: RequestRow = await tx(REQUESTS).where('id', id).first();
        const [{ count }] = await tx(DECISIONS)
          .where({ request_id: id, decision: 'approve' })
          .countDistinct({ count: 'by' });
        if (Number(count) >= Number(row.required_approvals)) state = 'approved';
      }
      if (state !== 'pending') {
        await tx(REQUESTS).where({ id, state: 'pending' }).update({ state });
      }
      return { kind: 'recorded', state };
    });
  }

  /**
   * Moves a request from one state to another if, and only if, it is still in `from`.
   *
   * @returns whether this call made the change.
   */
  async transition(
    id: string,
    from: ApprovalState,
    to: ApprovalState,
    at: string,
    patch: { error?: string | null; appliedAt?: string } = {},
  ): Promise<boolean> {
    const changed = await this.db(REQUESTS)
      .where({ id, state: from })
      .update({
        state: to,
        updated_at: at,
        ...(patch.error !== undefined && { error: patch.error }),
        ...(patch.appliedAt !== undefined && { applied_at: patch.appliedAt }),
      });
    return changed > 0;
  }

  /** Marks every pending request past its `expires_at` as `expired`; returns their ids. */
  async expireDue(now: string): Promise<string[]> {
    const due: Array<{ id: string }> = await this.db(REQUESTS)
      .where('state', 'pending')
      .andWhere('expires_at', '<=', now)
      .select('id');
    const expired: string[] = [];
    for (const { id } of due) {
      if (await this.transition(id, 'pending', 'expired', now))
        expired.push(id);
    }
    return expired;
  }

  /** Ids of requests in one state, oldest first. */
  async idsInState(state: ApprovalState): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db(REQUESTS)
      .where('state', state)
      .orderBy('created_at')
      .select('id');
    return rows.map(r => r.id);
  }
}
