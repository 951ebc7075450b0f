import {
  CONTROLLER_REVISION_HASH_LABEL,
  isOwnedBy,
  KubeControllerRevision,
  KubeDaemonSet,
} from './kubernetes';

/**
 * The hash of a ControllerRevision, which the controller copies into the
 * `controller-revision-hash` label of the pods it creates from it.
 *
 * @remarks
 * The controller names revisions `<daemonset>-<hash>` and labels them with the hash; a revision
 * without the label (created by a very old controller) is labelled with its whole name by the
 * controller before use, so that is the fallback here too.
 *
 * @public
 */
export function revisionHash(
  revision: KubeControllerRevision,
): string | undefined {
  return (
    revision.metadata?.labels?.[CONTROLLER_REVISION_HASH_LABEL] ??
    revision.metadata?.name
  );
}

/**
 * The DaemonSet's current revision hash: that of the ControllerRevision owned by the DaemonSet
 * (an owner reference with its uid) with the highest `revision` number.
 *
 * @remarks
 * The controller gives the revision matching the current template the highest number (also
 * after a rollback, by renumbering the old revision), so the highest is the current one once the
 * controller has seen the template; until then the pods of the previous template still look
 * current. Revisions of other DaemonSets are ignored. Undefined when the DaemonSet owns none.
 *
 * @public
 */
export function currentRevisionOf(
  daemonSet: KubeDaemonSet,
  revisions: readonly KubeControllerRevision[],
): string | undefined {
  const uid = daemonSet.metadata?.uid;
  let best: KubeControllerRevision | undefined;
  for (const revision of revisions) {
    if (!isOwnedBy(revision.metadata, uid)) {
      continue;
    }
    if (
      !best ||
      revision.revision > best.revision ||
      (revision.revision === best.revision &&
        (revision.metadata?.name ?? '') > (best.metadata?.name ?? ''))
    ) {
      best = revision;
    }
  }
  return best ? revisionHash(best) : undefined;
}
