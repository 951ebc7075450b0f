import type { KubeNode, KubePod } from './kubernetes';
import type { NodeRow } from '@daemonsets/plugin-daemonset-common';

/**
 * The rows of one DaemonSet's report kept between builds, so that a rebuild after a change
 * recomputes only the rows whose node or pods changed: on a 5000-node fleet a pod change then
 * costs one row, not 5000. Pass the same cache to every `buildDaemonSetStatusReport` of one
 * DaemonSet.
 *
 * @remarks
 * A row is reused while its node and pods keep their `resourceVersion`s and the DaemonSet keeps
 * its generation and current revision (everything a row is computed from). Objects without a
 * `resourceVersion` are never cached. Reused rows are the same objects, so they must not be
 * mutated.
 *
 * @public
 */
export class NodeRowCache {
  private scope?: string;
  private readonly rows = new Map<string, { key: string; row: NodeRow }>();

  /** Empties the cache when what every row depends on (`scope`) changed. */
  useScope(scope: string): void {
    if (scope !== this.scope) {
      this.rows.clear();
      this.scope = scope;
    }
  }

  /** The row of `node` with `pods` if nothing it depends on changed since it was stored. */
  get(
    node: KubeNode,
    pods: readonly KubePod[] | undefined,
  ): NodeRow | undefined {
    const key = rowKey(node, pods);
    if (key === undefined) return undefined;
    const entry = this.rows.get(node.metadata?.name ?? '');
    return entry?.key === key ? entry.row : undefined;
  }

  /** Stores the row computed for `node` with `pods`. */
  set(
    node: KubeNode,
    pods: readonly KubePod[] | undefined,
    row: NodeRow,
  ): void {
    const key = rowKey(node, pods);
    if (key !== undefined) {
      this.rows.set(node.metadata?.name ?? '', { key, row });
    }
  }

  /** Forgets the rows of nodes not in `names` (deleted nodes). */
  retain(names: ReadonlySet<string>): void {
    for (const name of this.rows.keys()) {
      if (!names.has(name)) this.rows.delete(name);
    }
  }

  /** Number of rows held: for tests and diagnostics. */
  get size(): number {
    return this.rows.size;
  }
}

function rowKey(
  node: KubeNode,
  pods: readonly KubePod[] | undefined,
): string | undefined {
  const nodeVersion = node.metadata?.resourceVersion;
  if (!nodeVersion) return undefined;
  const podVersions: string[] = [];
  for (const pod of pods ?? []) {
    const version = pod.metadata?.resourceVersion;
    if (!version) return undefined;
    podVersions.push(`${pod.metadata?.uid}@${version}`);
  }
  return `${nodeVersion};${podVersions.sort().join(',')}`;
}
