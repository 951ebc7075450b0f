import {
  KeyboardEvent,
  MouseEvent,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { NodeTableFilterBar } from './NodeTableFilterBar';
import {
  NodeTableClasses,
  ROW_HEIGHT,
  useNodeTableStyles,
} from './nodeTableStyles';
import { GroupLine, NodeLine, TableItem } from './NodeTableRows';
import {
  DEFAULT_FILTERS,
  NodeTableColumn,
  NodeTableFilters,
  NodeTableSort,
  PodUsageByName,
  filterRows,
  filtersAreDefault,
  sortRows,
} from './nodeTableModel';
import { useFleetView } from '../shared/useFleetView';
import { groupRows, groupTitle } from '../shared/fleetGrouping';
import { PROBLEM_VERDICTS } from '../shared/verdictStyle';
import { useVisibleRange } from './useVisibleRange';

/** The height of a table row in pixels. */
export const NODE_ROW_HEIGHT = ROW_HEIGHT;

const COLUMNS: Array<{ id: NodeTableColumn; label: string }> = [
  { id: 'verdict', label: 'Verdict' },
  { id: 'node', label: 'Node' },
  { id: 'pod', label: 'Pod' },
  { id: 'ready', label: 'Ready' },
  { id: 'restarts', label: 'Restarts' },
  { id: 'reason', label: 'Reason' },
  { id: 'image', label: 'Image' },
  { id: 'age', label: 'Age' },
];

/** The columns with CPU and memory after Restarts, for clusters with the metrics API. */
const COLUMNS_WITH_USAGE: typeof COLUMNS = [
  ...COLUMNS.slice(0, 5),
  { id: 'cpu', label: 'CPU' },
  { id: 'memory', label: 'Memory' },
  ...COLUMNS.slice(5),
];

/** Props of {@link NodeTable}. @public */
export interface NodeTableProps {
  rows: NodeRow[];
  selectedNode?: string;
  /** Incremented to scroll to (and show) `selectedNode`, e.g. after a click on the node map. */
  scrollRequest?: number;
  onSelect?: (nodeName: string) => void;
  /**
   * Pod CPU/memory by pod name, when the cluster serves the metrics API: adds the CPU and Memory
   * columns. Absent, the table has no such columns.
   */
  podUsage?: PodUsageByName;
}

function ariaSort(
  sort: NodeTableSort,
  column: NodeTableColumn,
): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/** The table's lines: rows, or per group a heading then its rows unless collapsed. */
function tableItems(
  rows: NodeRow[],
  group: string,
  collapsed: ReadonlySet<string>,
): TableItem[] {
  if (!group)
    return rows.map(row => ({ kind: 'row', key: `row:${row.node.name}`, row }));
  const items: TableItem[] = [];
  for (const g of groupRows(rows, group)) {
    const isCollapsed = collapsed.has(g.key);
    items.push({
      kind: 'group',
      key: `group:${g.key}`,
      title: groupTitle(group, g),
      group: g,
      collapsed: isCollapsed,
    });
    if (!isCollapsed) {
      for (const row of g.rows)
        items.push({ kind: 'row', key: `row:${row.node.name}`, row });
    }
  }
  return items;
}

/** A column's sort button: its label, then an arrow shown when it sorts the table. */
const SortButton = (props: {
  classes: NodeTableClasses;
  active: boolean;
  direction: 'asc' | 'desc';
  onClick: () => void;
  children: string;
}) => {
  const { classes, active, direction, onClick, children } = props;
  return (
    <button
      type="button"
      className={`${classes.sortLabel} ${active ? classes.sortActive : ''}`}
      onClick={onClick}
    >
      {children}
      <svg
        className={`${classes.sortIcon} ${
          direction === 'asc' ? classes.sortAscending : ''
        }`}
        viewBox="0 0 24 24"
        focusable="false"
        aria-hidden
      >
        <path d="M20 12l-1.41-1.41L13 16.17V4h-2v12.17l-5.58-5.59L4 12l8 8 8-8z" />
      </svg>
    </button>
  );
};

const MOVES: Record<string, number> = {
  ArrowDown: 1,
  ArrowUp: -1,
  PageDown: 10,
  PageUp: -10,
};

/**
 * The nodes of one DaemonSet as a sortable, filterable, groupable table in the page's own scroll
 * (its header sticks to the top). Filters, sort and grouping live in the URL. Large fleets render
 * only the rows in and near the window. One Tab stop: the arrow keys, Page Up/Down, Home and End
 * move between lines (roving tabindex), Enter or Space opens a node or folds a group.
 *
 * @public
 */
export const NodeTable = ({
  rows,
  selectedNode,
  scrollRequest,
  onSelect,
  podUsage,
}: NodeTableProps) => {
  const classes = useNodeTableStyles();
  const [view, updateView] = useFleetView();
  const filtersKey = JSON.stringify(view.filters);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => view.filters, [filtersKey]);
  const { column, direction } = view.sort;
  const sort = useMemo<NodeTableSort>(
    () => ({ column, direction }),
    [column, direction],
  );
  const collapsedKey = view.collapsed.join('\n');
  const collapsed = useMemo(
    () => new Set(collapsedKey ? collapsedKey.split('\n') : []),
    [collapsedKey],
  );
  const setFilters = useCallback(
    (next: NodeTableFilters) => updateView({ filters: next }),
    [updateView],
  );
  const bodyRef = useRef<HTMLDivElement>(null);
  const [activeKey, setActiveKey] = useState<string | undefined>();
  const focusRequest = useRef<{ key: string; focus: boolean } | undefined>();
  const handledScroll = useRef<number | undefined>(undefined);
  // Rounded so memoised rows re-render for the age column at most every 10 seconds.
  const now = Math.floor(Date.now() / 10000) * 10000;

  const visible = useMemo(
    () => sortRows(filterRows(rows, filters), sort, podUsage),
    [rows, filters, sort, podUsage],
  );
  const items = useMemo(
    () => tableItems(visible, view.group, collapsed),
    [visible, view.group, collapsed],
  );
  const indexOfKey = useMemo(() => {
    const map = new Map<string, number>();
    items.forEach((item, i) => map.set(item.key, i));
    return map;
  }, [items]);
  const activeIndex = Math.max(
    0,
    activeKey !== undefined ? indexOfKey.get(activeKey) ?? 0 : 0,
  );
  const range = useVisibleRange(bodyRef, items.length, ROW_HEIGHT);

  // Brings a line requested by the keyboard or the node map into view (and focus).
  useLayoutEffect(() => {
    const request = focusRequest.current;
    if (!request) return;
    const el = bodyRef.current?.querySelector<HTMLElement>(
      `[data-key="${CSS.escape(request.key)}"]`,
    );
    if (!el) return;
    focusRequest.current = undefined;
    if (request.focus) el.focus({ preventScroll: true });
    el.scrollIntoView?.({ block: request.focus ? 'nearest' : 'center' });
  });

  useEffect(() => {
    if (scrollRequest === undefined || handledScroll.current === scrollRequest)
      return;
    if (!selectedNode) return;
    const key = `row:${selectedNode}`;
    if (!indexOfKey.has(key)) {
      const row = rows.find(r => r.node.name === selectedNode);
      if (!row) return;
      // The node is filtered out or folded away: show it.
      if (!filtersAreDefault(filters)) {
        setFilters(DEFAULT_FILTERS);
        return;
      }
      if (view.group && collapsed.size > 0) {
        updateView({ collapsed: [] });
        return;
      }
      return;
    }
    handledScroll.current = scrollRequest;
    setActiveKey(key);
    focusRequest.current = { key, focus: false };
  }, [
    scrollRequest,
    selectedNode,
    indexOfKey,
    rows,
    filters,
    setFilters,
    view.group,
    collapsed,
    updateView,
  ]);

  const toggleGroup = (key: string, open?: boolean) => {
    const groupKey = key.slice('group:'.length);
    const isCollapsed = collapsed.has(groupKey);
    if (open === !isCollapsed) return;
    updateView({
      collapsed: isCollapsed
        ? [...collapsed].filter(k => k !== groupKey)
        : [...collapsed, groupKey],
    });
  };

  const activate = (item: TableItem) => {
    if (item.kind === 'row') onSelect?.(item.row.node.name);
    else toggleGroup(item.key);
  };

  const moveTo = (index: number) => {
    const item = items[Math.min(items.length - 1, Math.max(0, index))];
    if (!item) return;
    setActiveKey(item.key);
    focusRequest.current = { key: item.key, focus: true };
  };

  const itemAt = (target: EventTarget | null): TableItem | undefined => {
    const el = (target as HTMLElement | null)?.closest?.('[data-key]');
    const index = el
      ? indexOfKey.get(el.getAttribute('data-key') ?? '')
      : undefined;
    return index === undefined ? undefined : items[index];
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const item = itemAt(e.target);
    if (!item) return;
    const index = indexOfKey.get(item.key)!;
    if (e.key in MOVES) {
      e.preventDefault();
      moveTo(index + MOVES[e.key]);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      moveTo(e.key === 'Home' ? 0 : items.length - 1);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      activate(item);
    } else if (
      item.kind === 'group' &&
      (e.key === 'ArrowLeft' || e.key === 'ArrowRight')
    ) {
      e.preventDefault();
      toggleGroup(item.key, e.key === 'ArrowRight');
    }
  };
  const onClick = (e: MouseEvent) => {
    const item = itemAt(e.target);
    if (!item) return;
    setActiveKey(item.key);
    activate(item);
  };
  const onFocus = (e: React.FocusEvent) => {
    const item = itemAt(e.target);
    if (item && item.key !== activeKey) setActiveKey(item.key);
  };

  const toggleSort = (col: NodeTableColumn) =>
    updateView({
      sort:
        sort.column === col
          ? {
              column: col,
              direction: sort.direction === 'asc' ? 'desc' : 'asc',
            }
          : { column: col, direction: 'asc' },
    });

  const rendered: number[] = [];
  for (let i = range.start; i < range.end; i++) rendered.push(i);
  if (
    items.length > 0 &&
    (activeIndex < range.start || activeIndex >= range.end)
  ) {
    rendered.push(activeIndex);
  }

  const anyProblem = rows.some(r => PROBLEM_VERDICTS.has(r.verdict));
  let emptyText = 'No nodes match the filters.';
  if (rows.length === 0) emptyText = 'No nodes.';
  else if (filters.problemsOnly && !anyProblem)
    emptyText = 'No problems: every node is OK or not eligible.';

  return (
    <div data-testid="daemonset-node-table">
      <NodeTableFilterBar rows={rows} filters={filters} onChange={setFilters} />
      <div role="table" aria-label="Nodes" aria-rowcount={items.length + 1}>
        <div role="rowgroup" className={classes.head}>
          <div
            role="row"
            aria-rowindex={1}
            className={`${classes.header} ${podUsage ? classes.withUsage : ''}`}
          >
            {(podUsage ? COLUMNS_WITH_USAGE : COLUMNS).map(col => (
              <div
                key={col.id}
                role="columnheader"
                className={classes.headerCell}
                aria-sort={ariaSort(sort, col.id)}
              >
                <SortButton
                  classes={classes}
                  active={sort.column === col.id}
                  direction={sort.column === col.id ? sort.direction : 'asc'}
                  onClick={() => toggleSort(col.id)}
                >
                  {col.label}
                </SortButton>
              </div>
            ))}
          </div>
        </div>
        {/* Events of the rows (each focusable, one in the Tab order) are delegated here. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
        <div
          ref={bodyRef}
          role="rowgroup"
          data-testid="daemonset-node-table-viewport"
          className={classes.body}
          style={{ height: items.length * ROW_HEIGHT }}
          onKeyDown={onKeyDown}
          onClick={onClick}
          onFocus={onFocus}
        >
          {rendered.map(i => {
            const item = items[i];
            return item.kind === 'row' ? (
              <NodeLine
                key={item.key}
                classes={classes}
                index={i}
                tabbable={i === activeIndex}
                row={item.row}
                selected={item.row.node.name === selectedNode}
                now={now}
                showUsage={podUsage !== undefined}
                usage={
                  item.row.pod ? podUsage?.get(item.row.pod.name) : undefined
                }
              />
            ) : (
              <GroupLine
                key={item.key}
                classes={classes}
                index={i}
                tabbable={i === activeIndex}
                item={item}
              />
            );
          })}
        </div>
      </div>
      {visible.length === 0 && (
        <Typography variant="body2">{emptyText}</Typography>
      )}
      <div className={classes.footer}>
        <Typography variant="body2" aria-live="polite">
          Showing {visible.length} of {rows.length} nodes
        </Typography>
        {!filtersAreDefault(filters) && (
          <Button size="small" onClick={() => setFilters(DEFAULT_FILTERS)}>
            Clear filters
          </Button>
        )}
      </div>
    </div>
  );
};
