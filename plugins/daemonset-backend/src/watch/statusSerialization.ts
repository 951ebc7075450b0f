import { createHash, hash } from 'node:crypto';
import type {
  ClusterStatus,
  DaemonSetStatusReport,
  NodeRow,
} from '@daemonsets/plugin-daemonset-common';

/**
 * An entity's status, serialized once for every reader: its content hash, and its JSON assembled
 * from the rows when it is sent (the snapshot keeps the rows, not their JSON: at 1000 nodes the
 * JSON of a DaemonSet's rows is larger than the rows).
 *
 * @internal
 */
export interface SerializedStatus {
  /** The entity the status is of. */
  entityRef: string;
  /** When the status was built (ISO 8601). */
  generatedAt: string;
  /**
   * The `EntityDaemonSetStatus` as JSON, made on the first call and held weakly (callers sending
   * it to several clients at once get the same string; an idle snapshot does not keep it).
   */
  json: () => string;
  /**
   * SHA-1 of the clusters' content (of their JSON, each row by the SHA-1 of its own JSON, the
   * reports' `observedAt` left out): equal hashes mean equal content. A hash rather than the
   * text, so that the snapshot keeps no JSON. Made on the first call, then kept: a view's first
   * status has nothing to be compared with, and hashing a large fleet's rows would delay its
   * first answer (about 60 ms at 5000 nodes right after a start).
   */
  contentHash: () => string;
  /** The clusters, as serialized. */
  clusters: readonly ClusterStatus[];
}

/**
 * SHA-1 of each row's JSON, by row object: rows reused by `NodeRowCache` are serialized and
 * hashed once, and an unchanged row is told from a changed one without keeping its JSON.
 */
const rowDigests = new WeakMap<NodeRow, string>();

function rowDigest(row: NodeRow): string {
  let digest = rowDigests.get(row);
  if (digest === undefined) {
    digest = hash('sha1', JSON.stringify(row), 'base64');
    rowDigests.set(row, digest);
  }
  return digest;
}

/** Whether two rows serialize alike. */
function sameRow(a: NodeRow, b: NodeRow): boolean {
  return a === b || rowDigest(a) === rowDigest(b);
}

const KEY_SEPARATOR = '\u0000';

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

/**
 * What of a report besides its rows counts as content: not `observedAt`, which moves with every
 * event of its caches, also those that change nothing shown (a pod's resource version, a field
 * the trim drops): a new version for those would send every open tab the whole answer again.
 */
function summaryContent(report: DaemonSetStatusReport): string {
  return JSON.stringify({ ...report, nodes: undefined, observedAt: undefined });
}

function withoutDaemonSets(cluster: ClusterStatus): string {
  return JSON.stringify({ ...cluster, daemonSets: undefined });
}

/**
 * SHA-1 of the clusters' JSON with each row replaced by its digest and without the reports'
 * `observedAt`: the whole content, hashed without serializing the rows that were hashed before.
 */
function contentHashOf(clusters: readonly ClusterStatus[]): string {
  const sha1 = createHash('sha1');
  sha1.update('[');
  clusters.forEach((cluster, c) => {
    if (c > 0) sha1.update(',');
    sha1.update(openObject(withoutDaemonSets(cluster)));
    sha1.update('"daemonSets":[');
    cluster.daemonSets.forEach((report, r) => {
      if (r > 0) sha1.update(',');
      sha1.update(openObject(summaryContent(report)));
      sha1.update('"nodes":[');
      report.nodes.forEach((row, n) => {
        sha1.update(n > 0 ? `,${rowDigest(row)}` : rowDigest(row));
      });
      sha1.update(']}');
    });
    sha1.update(']}');
  });
  sha1.update(']');
  return sha1.digest('base64');
}

/** Serializes an entity's status: hashes it now, writes its JSON when asked. @internal */
export function serializeStatus(
  entityRef: string,
  clusters: readonly ClusterStatus[],
  generatedAt: string,
): SerializedStatus {
  // Held weakly: the answer lives as long as a caller uses it, at least to the end of its job.
  let assembled: WeakRef<{ text: string }> | undefined;
  let hashed: string | undefined;
  return {
    json: () => {
      const held = assembled?.deref();
      if (held) return held.text;
      const fresh = {
        text: JSON.stringify({ entityRef, clusters, generatedAt }),
      };
      assembled = new WeakRef(fresh);
      return fresh.text;
    },
    contentHash: () => (hashed ??= contentHashOf(clusters)),
    clusters,
    entityRef,
    generatedAt,
  };
}

/** The rows of every report of `clusters`, by report and node name. */
function rowsByReport(
  clusters: readonly ClusterStatus[],
): Map<string, Map<string, NodeRow>> {
  const reports = new Map<string, Map<string, NodeRow>>();
  for (const cluster of clusters) {
    for (const report of cluster.daemonSets) {
      reports.set(
        reportKey(cluster.cluster, report.daemonSet.uid),
        new Map(report.nodes.map(row => [row.node.name, row])),
      );
    }
  }
  return reports;
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
  const before = rowsByReport(from.clusters);
  const clusterJson = to.clusters.map(cluster => {
    const reports = cluster.daemonSets.map(report => {
      const rows = before.get(reportKey(cluster.cluster, report.daemonSet.uid));
      const upsert: string[] = [];
      const kept = new Set<string>();
      for (const row of report.nodes) {
        kept.add(row.node.name);
        const old = rows?.get(row.node.name);
        if (!old || !sameRow(old, row)) upsert.push(JSON.stringify(row));
      }
      const remove = [...(rows?.keys() ?? [])].filter(node => !kept.has(node));
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
