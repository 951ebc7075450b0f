import { InputError } from '@backstage/errors';
import { parseBaseRevision } from '@daemonsets/plugin-daemonset-node';

function objectBody(raw: unknown, known: string[]): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError('The request body must be a JSON object');
  }
  const body = raw as Record<string, unknown>;
  const unknown = Object.keys(body).filter(key => !known.includes(key));
  if (unknown.length > 0) {
    throw new InputError(
      `${unknown.join(', ')}: unknown field(s); allowed: ${known.join(', ')}`,
    );
  }
  return body;
}

/** The body of `POST .../lifecycle/rollback`. @internal */
export function parseRollbackInput(raw: unknown): {
  revision: number;
  baseRevision: number;
} {
  const body = objectBody(raw, ['revision', 'baseRevision']);
  const revision = body.revision;
  if (
    typeof revision !== 'number' ||
    !Number.isInteger(revision) ||
    revision < 1
  ) {
    throw new InputError(
      'revision: required, a positive integer (a revision number from GET .../lifecycle)',
    );
  }
  return { revision, baseRevision: parseBaseRevision(body.baseRevision) };
}

/** The body of `POST .../lifecycle/decommission`. @internal */
export function parseDecommissionInput(raw: unknown): {
  baseRevision: number;
  confirm: string;
} {
  const body = objectBody(raw, ['baseRevision', 'confirm']);
  if (typeof body.confirm !== 'string' || body.confirm === '') {
    throw new InputError(
      "confirm: required, the DaemonSet's name typed to confirm the deletion",
    );
  }
  return {
    baseRevision: parseBaseRevision(body.baseRevision),
    confirm: body.confirm,
  };
}
