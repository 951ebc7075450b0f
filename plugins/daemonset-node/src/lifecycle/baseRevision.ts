import { ConflictError, InputError } from '@backstage/errors';
import { objectPath } from '../apply/allowedKinds';
import { KubeRequester } from '../apply/kubeRequest';

/**
 * Reads a base revision given to an edit: the DaemonSet's `metadata.generation` when the edit
 * was opened, a positive integer (also as a numeric string, as form data carries it).
 *
 * @throws InputError naming `baseRevision` when it is not one.
 * @public
 */
export function parseBaseRevision(value: unknown): number {
  const revision = typeof value === 'string' ? Number(value) : value;
  if (
    typeof revision !== 'number' ||
    !Number.isInteger(revision) ||
    revision < 1
  ) {
    throw new InputError(
      `baseRevision: must be a positive integer, the DaemonSet's metadata.generation when the edit was opened (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return revision;
}

/**
 * Refuses an edit whose base revision is no longer current, so it never overwrites a change made
 * since it was opened (a lost update).
 *
 * @remarks
 * The revision is the DaemonSet's `metadata.generation`, which the API server raises on every
 * change of its spec and never on status updates.
 *
 * @throws ConflictError (HTTP 409) when the DaemonSet is gone or at another generation.
 * @public
 */
export async function assertBaseRevision(options: {
  request: KubeRequester;
  cluster: string;
  namespace: string;
  name: string;
  baseRevision: number;
  signal?: AbortSignal;
}): Promise<void> {
  const { request, cluster, namespace, name, baseRevision } = options;
  const live = (await request({
    method: 'GET',
    path: objectPath({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace },
    }),
    signal: options.signal,
  })) as { metadata?: { generation?: number } } | undefined;
  const target = `DaemonSet ${namespace}/${name} in cluster ${cluster}`;
  if (!live) {
    throw new ConflictError(
      `baseRevision: ${target} no longer exists; this edit was based on revision ${baseRevision}. Nothing was changed.`,
    );
  }
  const current = live.metadata?.generation;
  if (current !== baseRevision) {
    throw new ConflictError(
      `baseRevision: ${target} was changed since this edit was opened (the edit is based on revision ${baseRevision}, the DaemonSet is at revision ${current}). Nothing was changed; reopen the edit to start from what runs now.`,
    );
  }
}
