import { Verdict } from '@daemonsets/plugin-daemonset-common';

/** How a verdict is shown: its colour, label and a short description. @public */
export interface VerdictStyle {
  color: string;
  label: string;
  description: string;
}

/** The verdicts in display order, worst first. @public */
export const VERDICTS: readonly Verdict[] = [
  'failing',
  'missing',
  'misscheduled',
  'progressing',
  'ok',
  'notEligible',
];

/** The verdicts the "problems only" filter keeps. @public */
export const PROBLEM_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>([
  'failing',
  'missing',
  'misscheduled',
  'progressing',
]);

const STYLES: Record<Verdict, VerdictStyle> = {
  ok: {
    color: '#2e7d32',
    label: 'OK',
    description: 'Pod ready on the current revision',
  },
  progressing: {
    color: '#1565c0',
    label: 'Progressing',
    description: 'Pod starting or on an old revision during a rollout',
  },
  failing: {
    color: '#c62828',
    label: 'Failing',
    description: 'Pod not ready with an error',
  },
  missing: {
    color: '#b54d00',
    label: 'Missing',
    description: 'The node should run a pod but has none',
  },
  misscheduled: {
    color: '#7b1fa2',
    label: 'Misscheduled',
    description: 'A pod runs where the DaemonSet should not run',
  },
  notEligible: {
    color: '#6b6b6b',
    label: 'Not eligible',
    description: 'The DaemonSet does not run on this node',
  },
};

/** The colour, label and description of a verdict. @public */
export function verdictStyle(verdict: Verdict): VerdictStyle {
  return STYLES[verdict] ?? STYLES.notEligible;
}

/** The position of a verdict in {@link VERDICTS}, for sorting worst first. */
export function verdictRank(verdict: Verdict): number {
  const index = VERDICTS.indexOf(verdict);
  return index === -1 ? VERDICTS.length : index;
}
