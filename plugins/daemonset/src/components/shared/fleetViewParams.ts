import { Verdict } from '@daemonsets/plugin-daemonset-common';
import type {
  NodeTableColumn,
  NodeTableFilters,
  NodeTableSort,
} from '../NodeTable/nodeTableModel';
import { VERDICTS } from './verdictStyle';

/** The tab's view state that a shared URL carries. */
export interface FleetView {
  filters: NodeTableFilters;
  sort: NodeTableSort;
  /** The node label the map and table are grouped by; empty for none. */
  group: string;
  /** Group keys collapsed in the table. */
  collapsed: string[];
  /** The selected node as `cluster/namespace/daemonset/node`; empty for none. */
  selected: string;
}

const COLUMNS: readonly NodeTableColumn[] = [
  'verdict',
  'node',
  'pod',
  'ready',
  'restarts',
  'reason',
  'image',
  'age',
  'cpu',
  'memory',
];

/** The URL's parameter names. */
export const PARAMS = {
  search: 'q',
  label: 'label',
  verdict: 'verdict',
  problems: 'problems',
  sort: 'sort',
  group: 'group',
  collapsed: 'collapsed',
  selected: 'node',
} as const;

/** Reads the view from the URL's query; anything unknown falls back to the default. */
export function readFleetView(params: URLSearchParams): FleetView {
  const verdict = params.get(PARAMS.verdict) ?? 'all';
  const [column, direction] = (params.get(PARAMS.sort) ?? '').split(':');
  return {
    filters: {
      search: params.get(PARAMS.search) ?? '',
      label: params.get(PARAMS.label) ?? '',
      verdict: VERDICTS.includes(verdict as Verdict)
        ? (verdict as Verdict)
        : 'all',
      problemsOnly: params.get(PARAMS.problems) === '1',
    },
    sort: {
      column: COLUMNS.includes(column as NodeTableColumn)
        ? (column as NodeTableColumn)
        : 'verdict',
      direction: direction === 'desc' ? 'desc' : 'asc',
    },
    group: params.get(PARAMS.group) ?? '',
    collapsed: params.getAll(PARAMS.collapsed),
    selected: params.get(PARAMS.selected) ?? '',
  };
}

/**
 * Writes a change of the view into a copy of the query: defaults are left out, so that an
 * untouched tab keeps a clean URL; parameters of others (e.g. the catalog's) are kept.
 */
export function writeFleetView(
  params: URLSearchParams,
  change: Partial<FleetView>,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (name: string, value: string | undefined) => {
    if (value) next.set(name, value);
    else next.delete(name);
  };
  if (change.filters) {
    const f = change.filters;
    set(PARAMS.search, f.search);
    set(PARAMS.label, f.label);
    set(PARAMS.verdict, f.verdict === 'all' ? '' : f.verdict);
    set(PARAMS.problems, f.problemsOnly ? '1' : '');
  }
  if (change.sort) {
    const { column, direction } = change.sort;
    set(
      PARAMS.sort,
      column === 'verdict' && direction === 'asc'
        ? ''
        : `${column}:${direction}`,
    );
  }
  if (change.group !== undefined) set(PARAMS.group, change.group);
  if (change.collapsed !== undefined) {
    next.delete(PARAMS.collapsed);
    for (const key of change.collapsed) next.append(PARAMS.collapsed, key);
  }
  if (change.selected !== undefined) set(PARAMS.selected, change.selected);
  return next;
}

/** The selection key of a node of one DaemonSet in one cluster. */
export function selectionKey(
  cluster: string,
  namespace: string,
  daemonSet: string,
  node: string,
): string {
  return `${cluster}/${namespace}/${daemonSet}/${node}`;
}

/** The node of a selection key when it belongs to the given DaemonSet's prefix. */
export function selectedNodeOf(
  selected: string,
  prefix: string,
): string | undefined {
  return selected.startsWith(`${prefix}/`)
    ? selected.slice(prefix.length + 1) || undefined
    : undefined;
}
