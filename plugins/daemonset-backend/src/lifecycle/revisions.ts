import type { DaemonSetRevision } from '@daemonsets/plugin-daemonset-common';

/** A DaemonSet or ControllerRevision as plain JSON. */
export type KubeJson = Record<string, any>;

/** The ControllerRevisions a DaemonSet owns (by UID), as revisions, newest first. */
export function revisionsOf(
  daemonSet: KubeJson,
  controllerRevisions: ReadonlyArray<KubeJson>,
): DaemonSetRevision[] {
  const uid = daemonSet.metadata?.uid;
  const owned = controllerRevisions
    .filter(cr =>
      (cr.metadata?.ownerReferences ?? []).some(
        (owner: KubeJson) => owner.uid === uid && owner.kind === 'DaemonSet',
      ),
    )
    .sort((a, b) => Number(b.revision) - Number(a.revision));
  return owned.map((cr, index) => {
    // A revision stores its template as a strategic-merge patch; `$patch` is the patch's
    // directive, not part of the template.
    const { $patch: _directive, ...template } = cr.data?.spec?.template ?? {};
    return {
      revision: Number(cr.revision),
      images: (template.spec?.containers ?? []).map((c: KubeJson) =>
        String(c.image),
      ),
      createdAt: cr.metadata?.creationTimestamp
        ? new Date(cr.metadata.creationTimestamp).toISOString()
        : undefined,
      current: index === 0,
      template,
    };
  });
}

/**
 * The DaemonSet as it would be rolled back to a revision, as `kubectl rollout undo` does: the
 * revision's pod template in place of the current one, everything else unchanged.
 */
export function daemonSetAtRevision(
  daemonSet: KubeJson,
  revision: DaemonSetRevision,
): KubeJson {
  const template = structuredClone(revision.template) as KubeJson;
  // The controller adds this label to revisions; it is not part of the template people wrote.
  delete template.metadata?.labels?.['controller-revision-hash'];
  return {
    ...daemonSet,
    spec: { ...daemonSet.spec, template },
  };
}
