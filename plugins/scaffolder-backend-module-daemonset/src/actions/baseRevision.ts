import { InputError } from '@backstage/errors';
import {
  assertBaseRevision,
  KubeRequester,
} from '@daemonsets/plugin-daemonset-node';

interface ObjectLike {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
}

/**
 * Refuses an edit's manifest when its DaemonSet has changed since the edit was opened: checks
 * the manifest's one DaemonSet against the base revision (409 when stale).
 */
export async function assertBaseRevisionOf(
  objects: ReadonlyArray<unknown>,
  options: {
    request: KubeRequester;
    cluster: string;
    baseRevision: number;
    signal?: AbortSignal;
  },
): Promise<void> {
  const daemonSets = (objects as ObjectLike[]).filter(
    o => o?.kind === 'DaemonSet',
  );
  if (daemonSets.length !== 1) {
    throw new InputError(
      `baseRevision: applies to a manifest with exactly one DaemonSet, found ${daemonSets.length}`,
    );
  }
  const { name, namespace } = daemonSets[0].metadata ?? {};
  await assertBaseRevision({
    ...options,
    namespace: namespace ?? 'default',
    name: name ?? '',
  });
}
