import { createHash } from 'node:crypto';
import type {
  ClusterStatus,
  DaemonSetStatusReport,
  NodeRow,
} from '@daemonsets/plugin-daemonset-common';

/**
 * An entity's status as JSON, kept once: as the JSON of each node row, from which the whole
 * answer is assembled when it is sent and the next version is sent as a patch of the rows that
 * changed, without serializing twice.
 *
 * @internal
 */
export interface SerializedStatus {
  /** The entity the status is of. */
  entityRef: string;
  /** When the status was built (ISO 8601). */
  generatedAt: string;
  /**
   * The `EntityDaemonSetStatus` as JSON, assembled from the rows' JSON on each call (a caller
   * sending it to several clients at once gets the same string): the snapshot does not keep the
   * whole answer beside its rows.
   */
  json: () => string;
  /**
   * SHA-1 of the clusters part of the JSON: equal hashes mean equal content. A hash rather than
   * the text, so that the snapshot keeps its JSON once, not twice.
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

/** `objectJson` (a JSON object) without its closing brace, ready for one more member. */
function openObject(objectJson: string): string {
  return objectJson === '{}' ? '{' : `${objectJson.slice(0, -1)},`;
}

/** `objectJson` (a JSON object) with one more member, `name: valueJson`, at the end. */
function withMember(objectJson: string, name: string, valueJson: string) {
  return `${openObject(objectJson)}${JSON.stringify(name)}:${valueJson}}`;
}

function withoutNodes(report: DaemonSetStatusReport): string {
  return JSON.stringify({ ...report, nodes: undefined });
}

function withoutDaemonSets(cluster: ClusterStatus): string {
  return JSON.stringify({ ...cluster, daemonSets: undefined });
}

/**
 * The pieces whose concatenation is the clusters' JSON: what is hashed piece by piece and joined
 * only when the answer is sent.
 */
function clusterPieces(
  clusters: readonly ClusterStatus[],
  rows: Map<string, string>,
): string[] {
  const pieces: string[] = ['['];
  clusters.forEach((cluster, c) => {
    if (c > 0) pieces.push(',');
    pieces.push(openObject(withoutDaemonSets(cluster)), '"daemonSets":[');
    cluster.daemonSets.forEach((report, r) => {
      if (r > 0) pieces.push(',');
      pieces.push(openObject(withoutNodes(report)), '"nodes":[');
      report.nodes.forEach((row, n) => {
        const json = rowJson(row);
        rows.set(
          rowKey(cluster.cluster, report.daemonSet.uid, row.node.name),
          json,
        );
        if (n > 0) pieces.push(',');
        pieces.push(json);
      });
      pieces.push(']}');
    });
    pieces.push(']}');
  });
  pieces.push(']');
  return pieces;
}

/** Serializes an entity's status, keeping the JSON of each row. @internal */
export function serializeStatus(
  entityRef: string,
  clusters: readonly ClusterStatus[],
  generatedAt: string,
): SerializedStatus {
  const rows = new Map<string, string>();
  const pieces = clusterPieces(clusters, rows);
  const hash = createHash('sha1');
  for (const piece of pieces) hash.update(piece);
  const head = `{"entityRef":${JSON.stringify(entityRef)},"clusters":`;
  const tail = `,"generatedAt":${JSON.stringify(generatedAt)}}`;
  // Held weakly: the answer lives as long as a caller uses it, at least to the end of its job.
  let assembled: WeakRef<{ text: string }> | undefined;
  return {
    json: () => {
      const held = assembled?.deref();
      if (held) return held.text;
      const fresh = { text: head + pieces.join('') + tail };
      assembled = new WeakRef(fresh);
      return fresh.text;
    },
    contentHash: hash.digest('base64'),
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
