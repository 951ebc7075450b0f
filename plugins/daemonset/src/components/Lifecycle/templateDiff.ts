import { stringify } from 'yaml';
import { diffLines, DiffLine } from '../Approvals/lineDiff';

function toYaml(value: unknown): string {
  return stringify(value ?? {}, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  }).trimEnd();
}

/** Strips what the controller adds to a revision's template, so only real changes show. */
function comparable(template: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(template ?? {}));
  delete copy?.metadata?.labels?.['controller-revision-hash'];
  delete copy?.metadata?.creationTimestamp;
  return copy;
}

/** The line diff of a pod template from what runs (`current`) to a revision's (`target`). */
export function templateDiff(current: unknown, target: unknown): DiffLine[] {
  return diffLines(toYaml(comparable(current)), toYaml(comparable(target)));
}
