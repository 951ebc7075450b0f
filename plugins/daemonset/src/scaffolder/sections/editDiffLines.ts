import { parseAllDocuments, stringify } from 'yaml';
import { projectOnto } from '../../components/Approvals/liveDiff';
import { diffLines, DiffLine } from '../../components/Approvals/lineDiff';

function toYaml(value: unknown): string {
  return stringify(value ?? {}, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  }).trimEnd();
}

function daemonSetTemplate(manifest: string): unknown {
  for (const document of parseAllDocuments(manifest)) {
    const object = document.toJS() as
      | { kind?: string; spec?: { template?: unknown } }
      | undefined;
    if (object?.kind === 'DaemonSet') return object.spec?.template;
  }
  return undefined;
}

/**
 * The line diff of the pod template an edit generates (from `manifest`) against the running
 * one (`liveTemplate`). The live template is reduced to the fields the edit sets, so the
 * defaults and labels the cluster adds do not hide the change.
 */
export function editDiff(manifest: string, liveTemplate: unknown): DiffLine[] {
  const desired = daemonSetTemplate(manifest) ?? {};
  return diffLines(
    toYaml(projectOnto(desired, liveTemplate ?? {})),
    toYaml(desired),
  );
}
