import {
  NodeRow,
  nodeConditionFlags,
} from '@daemonsets/plugin-daemonset-common';
import { verdictStyle } from '../shared/verdictStyle';

/** The images of a row's pod: its regular containers', or all when it has only init ones. */
export function rowImages(row: NodeRow): string[] {
  const containers = row.pod?.containers ?? [];
  const regular = containers.filter(c => !c.init);
  return [
    ...new Set((regular.length ? regular : containers).map(c => c.image)),
  ];
}

/** The flags the node cell shows besides the name: cordoned, NotReady, pressure conditions. */
export function rowFlags(row: NodeRow): string[] {
  const flags = nodeConditionFlags(row.node);
  if (!row.node.schedulable) flags.push('cordoned');
  return flags;
}

const searchText = new WeakMap<NodeRow, string>();

/**
 * Everything the row and its detail show, lower-cased, for the search box: names, verdict,
 * reasons, flags, label keys and values (so an instance type or pool is found), taints, images.
 */
export function rowSearchText(row: NodeRow): string {
  let text = searchText.get(row);
  if (text === undefined) {
    text = [
      row.node.name,
      row.pod?.name ?? '',
      verdictStyle(row.verdict).label,
      row.reason ?? '',
      row.pod?.reason ?? '',
      ...row.eligibility.reasons,
      ...rowFlags(row),
      ...Object.entries(row.node.labels).map(([k, v]) => `${k}=${v}`),
      ...row.node.taints.map(
        t => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`,
      ),
      ...rowImages(row),
    ]
      .join('\n')
      .toLowerCase();
    searchText.set(row, text);
  }
  return text;
}

/** One term of the label filter: `key=value`, or a key or a value alone. */
export interface LabelTerm {
  key: string;
  value?: string;
}

/** Parses the label filter's comma-separated terms. */
export function parseLabelTerms(text: string): LabelTerm[] {
  return text
    .split(',')
    .map(t => t.trim())
    .filter(Boolean)
    .map(term => {
      const eq = term.indexOf('=');
      return eq === -1
        ? { key: term }
        : { key: term.slice(0, eq).trim(), value: term.slice(eq + 1).trim() };
    });
}

/** Whether a label key is `key` or ends with `/key`: `pool` names `daemonsets.dev/pool`. */
function keyMatches(labelKey: string, key: string): boolean {
  return labelKey === key || labelKey.endsWith(`/${key}`);
}

/**
 * Whether a node's labels match a term: `key=value` by full or short key (the part after the
 * prefix's `/`); a lone word matches a label key (full or short) or a label value.
 */
export function labelTermMatches(
  labels: Record<string, string>,
  term: LabelTerm,
): boolean {
  for (const [key, value] of Object.entries(labels)) {
    if (term.value !== undefined) {
      if (keyMatches(key, term.key) && value === term.value) return true;
    } else if (keyMatches(key, term.key) || value === term.key) {
      return true;
    }
  }
  return false;
}

/**
 * Suggestions for the label filter: every `key=value` of the fleet, most frequent first, then
 * by text; at most `limit`.
 */
export function labelSuggestions(
  rows: readonly NodeRow[],
  limit = 200,
): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    for (const [key, value] of Object.entries(row.node.labels)) {
      if (key === 'kubernetes.io/hostname') continue;
      const pair = `${key}=${value}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([pair]) => pair);
}
