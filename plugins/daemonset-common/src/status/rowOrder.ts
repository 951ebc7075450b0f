import type { NodeRow, Verdict } from './types';

/**
 * Verdicts from the most to the least urgent: the order of the rows of a report.
 *
 * @public
 */
export const VERDICT_SEVERITY_ORDER: readonly Verdict[] = [
  'failing',
  'missing',
  'misscheduled',
  'progressing',
  'ok',
  'notEligible',
];

const SEVERITY: Record<Verdict, number> = Object.fromEntries(
  VERDICT_SEVERITY_ORDER.map((verdict, index) => [verdict, index]),
) as Record<Verdict, number>;

/**
 * The order of the rows of a report: by {@link VERDICT_SEVERITY_ORDER}, then by node name.
 *
 * @public
 */
export function compareNodeRows(a: NodeRow, b: NodeRow): number {
  return (
    SEVERITY[a.verdict] - SEVERITY[b.verdict] ||
    compareStrings(a.node.name, b.node.name)
  );
}

/** Plain code-unit order, the same in every locale. @internal */
export function compareStrings(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
