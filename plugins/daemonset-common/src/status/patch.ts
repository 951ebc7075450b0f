import { compareNodeRows } from './rowOrder';
import type {
  ClusterStatus,
  DaemonSetStatusReport,
  EntityDaemonSetStatus,
  NodeRow,
} from './types';

/** The rows of one DaemonSet report that changed since the base version. @public */
export interface NodeRowChanges {
  /** Rows that are new or differ from the base, identified by `node.name`. */
  upsert: NodeRow[];
  /** Names of the nodes whose rows are gone. */
  remove: string[];
}

/**
 * A DaemonSet report in a patch: everything but the rows, which come as changes.
 *
 * @public
 */
export type DaemonSetStatusReportPatch = Omit<
  DaemonSetStatusReport,
  'nodes'
> & {
  /** The rows that changed since the base version. */
  nodeChanges: NodeRowChanges;
};

/** A cluster in a patch: its state and every DaemonSet it reports now. @public */
export type ClusterStatusPatch = Omit<ClusterStatus, 'daemonSets'> & {
  /** Every DaemonSet of the cluster now, in report order; a DaemonSet not listed is gone. */
  daemonSets: DaemonSetStatusReportPatch[];
};

/**
 * The change of an entity's status from version `base` to `version`, as the live channel's
 * `patch` event carries it: every cluster and DaemonSet in full except their node rows, of
 * which only the changed ones are sent.
 *
 * @public
 */
export interface EntityDaemonSetStatusPatch {
  /** The version the patch applies to. */
  base: number;
  /** The version the patch leads to. */
  version: number;
  /** The entity, e.g. `component:default/node-agent`. */
  entityRef: string;
  /** Every cluster of the entity's scope, in order. */
  clusters: ClusterStatusPatch[];
  /** When the new status was built (ISO 8601). */
  generatedAt: string;
}

function applyRowChanges(
  base: readonly NodeRow[] | undefined,
  changes: NodeRowChanges,
): NodeRow[] {
  const replaced = new Set(changes.remove);
  for (const row of changes.upsert) replaced.add(row.node.name);
  const rows = (base ?? []).filter(row => !replaced.has(row.node.name));
  rows.push(...changes.upsert);
  return rows.sort(compareNodeRows);
}

/**
 * Applies a `patch` event to the status it was made from. Unchanged rows keep their identity,
 * so that memoised views of them need no recomputation.
 *
 * @remarks
 * The caller checks that `patch.base` is the version of `base`; a patch applied to another
 * version yields a wrong status.
 *
 * @public
 */
export function applyStatusPatch(
  base: EntityDaemonSetStatus,
  patch: EntityDaemonSetStatusPatch,
): EntityDaemonSetStatus {
  const baseClusters = new Map(base.clusters.map(c => [c.cluster, c]));
  return {
    entityRef: patch.entityRef,
    generatedAt: patch.generatedAt,
    clusters: patch.clusters.map(({ daemonSets, ...cluster }) => {
      const baseReports = new Map(
        (baseClusters.get(cluster.cluster)?.daemonSets ?? []).map(r => [
          r.daemonSet.uid,
          r,
        ]),
      );
      return {
        ...cluster,
        daemonSets: daemonSets.map(({ nodeChanges, ...report }) => ({
          ...report,
          nodes: applyRowChanges(
            baseReports.get(report.daemonSet.uid)?.nodes,
            nodeChanges,
          ),
        })),
      };
    }),
  };
}
