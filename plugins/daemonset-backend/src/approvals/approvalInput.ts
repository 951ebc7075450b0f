import { InputError } from '@backstage/errors';
import {
  APPROVAL_STATES,
  ApprovalDecisionInput,
  ApprovalState,
  CreateApprovalRequestInput,
} from '@daemonsets/plugin-daemonset-common';
import {
  dns1123Label,
  dns1123Subdomain,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import { ApprovalFilter } from './ApprovalStore';

const ENTITY_REF = /^[a-z0-9_.-]+:([a-z0-9_.-]+\/)?[a-z0-9_.-]+$/i;
/** Largest accepted manifest, in characters. */
export const MAX_MANIFEST_CHARS = 200_000;
const MAX_COMMENT_CHARS = 2_000;

function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InputError('The request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

function requiredString(
  body: Record<string, unknown>,
  field: string,
  pattern?: {
    test: { test(value: string): boolean };
    rule: string;
    max: number;
  },
): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') {
    throw new InputError(`${field}: required, a non-empty string`);
  }
  if (pattern && (value.length > pattern.max || !pattern.test.test(value))) {
    throw new InputError(`${field}: must be ${pattern.rule}`);
  }
  return value;
}

function rejectUnknown(body: Record<string, unknown>, known: string[]): void {
  const unknown = Object.keys(body).filter(key => !known.includes(key));
  if (unknown.length > 0) {
    throw new InputError(
      `${unknown.join(', ')}: unknown field(s); allowed: ${known.join(', ')}`,
    );
  }
}

/** The body of `POST /approvals`, or an InputError naming the field. @internal */
export function parseCreateInput(raw: unknown): CreateApprovalRequestInput {
  const body = objectBody(raw);
  rejectUnknown(body, [
    'cluster',
    'namespace',
    'name',
    'entityRef',
    'manifest',
    'baseRevision',
  ]);
  const cluster = requiredString(body, 'cluster');
  const namespace = requiredString(body, 'namespace', {
    test: dns1123Label,
    rule: 'a namespace name (RFC 1123 label, at most 63 characters)',
    max: 63,
  });
  const name = requiredString(body, 'name', {
    test: dns1123Subdomain,
    rule: 'a DaemonSet name (RFC 1123 subdomain, at most 253 characters)',
    max: 253,
  });
  const manifest = requiredString(body, 'manifest');
  if (manifest.length > MAX_MANIFEST_CHARS) {
    throw new InputError(
      `manifest: at most ${MAX_MANIFEST_CHARS} characters (got ${manifest.length})`,
    );
  }
  let entityRef: string | undefined;
  if (body.entityRef !== undefined) {
    entityRef = requiredString(body, 'entityRef', {
      test: ENTITY_REF,
      rule: 'an entity ref such as component:default/agent',
      max: 512,
    });
  }
  const { baseRevision } = body;
  if (
    baseRevision !== undefined &&
    (typeof baseRevision !== 'number' ||
      !Number.isInteger(baseRevision) ||
      baseRevision < 1)
  ) {
    throw new InputError(
      "baseRevision: must be a positive integer, the DaemonSet's metadata.generation the edit was made from",
    );
  }
  return {
    cluster,
    namespace,
    name,
    manifest,
    ...(entityRef && { entityRef }),
    ...(typeof baseRevision === 'number' && { baseRevision }),
  };
}

/** The body of `POST /approvals/:id/decisions`, or an InputError naming the field. @internal */
export function parseDecisionInput(raw: unknown): ApprovalDecisionInput {
  const body = objectBody(raw);
  rejectUnknown(body, ['decision', 'comment']);
  if (body.decision !== 'approve' && body.decision !== 'reject') {
    throw new InputError(`decision: must be 'approve' or 'reject'`);
  }
  const comment = body.comment;
  if (comment !== undefined) {
    if (typeof comment !== 'string') {
      throw new InputError('comment: must be a string');
    }
    if (comment.length > MAX_COMMENT_CHARS) {
      throw new InputError(
        `comment: at most ${MAX_COMMENT_CHARS} characters (got ${comment.length})`,
      );
    }
  }
  return {
    decision: body.decision,
    ...(typeof comment === 'string' &&
      comment.trim() !== '' && {
        comment: comment.trim(),
      }),
  };
}

/** The query of `GET /approvals`, or an InputError naming the parameter. @internal */
export function parseListQuery(query: Record<string, unknown>): ApprovalFilter {
  const filter: ApprovalFilter = {};
  for (const key of [
    'state',
    'cluster',
    'namespace',
    'name',
    'entityRef',
  ] as const) {
    const value = query[key];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') {
      throw new InputError(`${key}: must be given once, as a string`);
    }
    if (key === 'state') {
      if (!APPROVAL_STATES.includes(value as ApprovalState)) {
        throw new InputError(
          `state: must be one of ${APPROVAL_STATES.join(', ')}`,
        );
      }
      filter.state = value as ApprovalState;
    } else {
      filter[key] = value;
    }
  }
  return filter;
}
