import type {
  DaemonSetStatusReport,
  NodeRow,
} from '@daemonsets/plugin-daemonset-common';

/** What one look at a DaemonSet's rows says about its health. @internal */
export interface DaemonSetHealth {
  /** Nodes that should run a pod. */
  desired: number;
  /** Of those, nodes whose pod is ready. */
  ready: number;
  /** Nodes whose row is `failing`. */
  failingNodes: string[];
  /** A rollout is under way and no more pods are unavailable than `maxUnavailable` allows. */
  rollingWithinBudget: boolean;
}

const isEligible = (row: NodeRow) =>
  row.verdict !== 'notEligible' && row.verdict !== 'misscheduled';

/**
 * `maxUnavailable` as a number of pods, as the DaemonSet controller reads it: a percentage of
 * the desired pods rounded up; 1 when unset; 0 when a surge rollout sets it to 0.
 */
export function maxUnavailablePods(
  maxUnavailable: string | number | undefined,
  desired: number,
): number {
  if (maxUnavailable === undefined) return 1;
  if (typeof maxUnavailable === 'number') return maxUnavailable;
  const percent = /^(\d+)%$/.exec(maxUnavailable);
  if (percent) return Math.ceil((desired * Number(percent[1])) / 100);
  const count = Number(maxUnavailable);
  return Number.isFinite(count) ? count : 1;
}

function rollingOut(report: DaemonSetStatusReport, rows: NodeRow[]): boolean {
  const summary = report.daemonSet;
  if (summary.updateStrategy.type !== 'RollingUpdate') return false;
  return (
    summary.observedGeneration < summary.generation ||
    summary.updated < summary.desired ||
    rows.some(
      row =>
        row.verdict === 'progressing' ||
        row.verdict === 'missing' ||
        (row.pod !== undefined && !row.pod.currentRevision),
    )
  );
}

/**
 * Reads the health of one DaemonSet from the same per-node rows the entity tab shows.
 *
 * @internal
 */
export function assessDaemonSet(
  report: DaemonSetStatusReport,
): DaemonSetHealth {
  const rows = report.nodes.filter(isEligible);
  const desired = rows.length;
  const ready = rows.filter(
    row => row.pod?.ready === true && !row.pod.deleting,
  ).length;
  const failingNodes = rows
    .filter(row => row.verdict === 'failing')
    .map(row => row.node.name);
  const budget = maxUnavailablePods(
    report.daemonSet.updateStrategy.maxUnavailable,
    desired,
  );
  return {
    desired,
    ready,
    failingNodes,
    // The rows or the controller's own count: the watch and the controller see each change at
    // a slightly different instant, so either may be one pod over the budget for a moment.
    rollingWithinBudget:
      failingNodes.length === 0 &&
      rollingOut(report, rows) &&
      (desired - ready <= budget || report.daemonSet.unavailable <= budget),
  };
}
