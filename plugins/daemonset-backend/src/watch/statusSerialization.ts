import { createHash } from 'node:crypto';
import type {
  ClusterStatus,
  DaemonSetStatusReport,
  NodeRow,
} from '@daemonsets/plugin-daemonset-common';

/**
 * An entity's status as JSON, with the JSON of each node row kept apart so that the next
 * version can be sent as a patch of the rows that changed, without serializing twice.
 *
 * @internal
 */
export interface SerializedStatus {
  /** The entity the status is of. */
  entityRef: string;
  /** When the status was built (ISO 8601). */
  generatedAt: string;
  /** The `EntityDaemonSetStatus` as JSON. */
  json: string;
  /**
   * SHA-1 of the clusters part of `json`: equal hashes mean equal content. A hash rather than the
   * text, so that the snapshot keeps its JSON once, not twice.
   */
  contentHash: string;
  /** The clusters, as serialized. */
  clusters: readonly ClusterStatus[];
  /** The JSON of every node row, by {@link rowKey}. */
  rows: ReadonlyMap<string, string>;
}

const KEY_SEPARATOR = '\u0000';

/** Row JSON by row object: rows reused by `NodeRowCache` are serialized once. */
const rowJsonCache = new WeakMap<NodeRow, string>();

function rowJson(row: NodeRow): string {
  let json = rowJsonCache.get(row);
  if (json === undefined) {
    json = JSON.stringify(row);
    rowJsonCache.set(row, json);
  }
  return json;
}

function rowKey(cluster: string, daemonSetUid: string, node: string): string {
  return [cluster, daemonSetUid, node].join(KEY_SEPARATOR);
}

function reportKey(cluster: string, daemonSetUid: string): string {
  return [cluster, daemonSetUid].join(KEY_SEPARATOR);
}

/** `objectJson` (a JSON object) with one more member, `name: valueJson`, at the end. */
function withMember(objectJson: string, name: string, valueJson: string) {
  const member = `${JSON.stringify(name)}:${valueJson}`;
  return objectJson === '{}'
    ? `{${member}}`
    : `${objectJson.slice(0, -1)},${member}}`;
}

function withoutNodes(report: DaemonSetStatusReport): string {
  return JSON.stringify({ ...report, nodes: undefined });
}

function withoutDaemonSets(cluster: ClusterStatus): string {
  return JSON.stringify({ ...cluster, daemonSets: undefined });
}

/** Serializes an entity's status, keeping the JSON of each row. @internal */
export function serializeStatus(
  entityRef: string,
  clusters: readonly ClusterStatus[],
  generatedAt: string,
): SerializedStatus {
  const rows = new Map<string, string>();
  const clusterJson = clusters.map(cluster => {
    const reports = cluster.daemonSets.map(report => {
      const rowTexts = report.nodes.map(row => {
        const json = rowJson(row);
        rows.set(
          rowKey(cluster.cluster, report.daemonSet.uid, row.node.name),
          json,
        );
        return json;
      });
      return withMember(
        withoutNodes(report),
        'nodes',
        `[${rowTexts.join(',')}]`,
      );
    });
    return withMember(
      withoutDaemonSets(cluster),
      'daemonSets',
      `[${reports.join(',')}]`,
    );
  });
  const clustersJson = `[${clusterJson.join(',')}]`;
  return {
    json: `{"entityRef":${JSON.stringify(
      entityRef,
    )},"clusters":${clustersJson},"generatedAt":${JSON.stringify(
      generatedAt,
    )}}`,
    contentHash: createHash('sha1').update(clustersJson).digest('base64'),
    clusters,
    rows,
    entityRef,
    generatedAt,
  };
}

/**
 * The `EntityDaemonSetStatusPatch` (as JSON) that turns version `base`, serialized as `from`,
 * into version `version`, serialized as `to`: clusters and DaemonSet summaries in full, node rows
 * only when they changed.
 *
 * @internal
 */
export function serializePatch(options: {
  base: number;
  from: SerializedStatus;
  version: number;
  to: SerializedStatus;
}): string {
  const { from, to } = options;
  const removed = new Map<string, string[]>();
  for (const key of from.rows.keys()) {
    if (!to.rows.has(key)) {
      const [cluster, uid, node] = key.split(KEY_SEPARATOR);
      const report = reportKey(cluster, uid);
      removed.set(report, [...(removed.get(report) ?? []), node]);
    }
  }
  const clusterJson = to.clusters.map(cluster => {
    const reports = cluster.daemonSets.map(report => {
      const upsert: string[] = [];
      for (const row of report.nodes) {
        const key = rowKey(
          cluster.cluster,
          report.daemonSet.uid,
          row.node.name,
        );
        const json = to.rows.get(key)!;
        if (from.rows.get(key) !== json) upsert.push(json);
      }
      const remove =
        removed.get(reportKey(cluster.cluster, report.daemonSet.uid)) ?? [];
      return withMember(
        withoutNodes(report),
        'nodeChanges',
        `{"upsert":[${upsert.join(',')}],"remove":${JSON.stringify(remove)}}`,
      );
    });
    return withMember(
      withoutDaemonSets(cluster),
      'daemonSets',
      `[${reports.join(',')}]`,
    );
  });
  return `{"base":${options.base},"version":${
    options.version
  },"entityRef":${JSON.stringify(to.entityRef)},"clusters":[${clusterJson.join(
    ',',
  )}],"generatedAt":${JSON.stringify(to.generatedAt)}}`;
}
