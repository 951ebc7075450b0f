import { NodeRow, Verdict } from '@daemonsets/plugin-daemonset-common';

/** Rows of one value of the grouping label. */
export interface RowGroup {
  /** The label value, or undefined for nodes without the label. */
  value?: string;
  /** A stable key, also for the URL. */
  key: string;
  rows: NodeRow[];
  counts: Partial<Record<Verdict, number>>;
}

/** The label keys offered for grouping first, when the fleet has them. */
const PREFERRED_KEYS = [
  'daemonsets.dev/pool',
  'topology.kubernetes.io/zone',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/region',
  'kubernetes.io/arch',
];

/** The label keys the fleet's nodes carry, preferred ones first, without the hostname. */
export function groupKeyOptions(rows: readonly NodeRow[]): string[] {
  const keys = new Set<string>();
  // `for…in` rather than Object.keys: no array per node (thousands on a first open).
  for (const row of rows) {
    // eslint-disable-next-line guard-for-in
    for (const key in row.node.labels) keys.add(key);
  }
  keys.delete('kubernetes.io/hostname');
  const preferred = PREFERRED_KEYS.filter(k => keys.has(k));
  const rest = [...keys].filter(k => !PREFERRED_KEYS.includes(k)).sort();
  return [...preferred, ...rest];
}

const NO_VALUE_KEY = '\u0000none';
const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Splits rows (in their order) by the value of one label; groups sorted by value, nodes without
 * the label last. One pass over the rows.
 */
export function groupRows(
  rows: readonly NodeRow[],
  labelKey: string,
): RowGroup[] {
  const groups = new Map<string, RowGroup>();
  for (const row of rows) {
    const value = row.node.labels[labelKey];
    const key = value === undefined ? NO_VALUE_KEY : value;
    let group = groups.get(key);
    if (!group) {
      group = { value, key, rows: [], counts: {} };
      groups.set(key, group);
    }
    group.rows.push(row);
    group.counts[row.verdict] = (group.counts[row.verdict] ?? 0) + 1;
  }
  return [...groups.values()].sort((a, b) => {
    if (a.value === undefined) return b.value === undefined ? 0 : 1;
    if (b.value === undefined) return -1;
    return collator.compare(a.value, b.value);
  });
}

/** A group's heading text, e.g. `pool=gpu` or `no pool label`. */
export function groupTitle(labelKey: string, group: RowGroup): string {
  const short = labelKey.slice(labelKey.lastIndexOf('/') + 1);
  return group.value === undefined
    ? `no ${short} label`
    : `${short}=${group.value}`;
}
