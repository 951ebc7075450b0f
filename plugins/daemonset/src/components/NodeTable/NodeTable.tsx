import { useEffect, useMemo, useRef, useState } from 'react';
import { FixedSizeList } from 'react-window';
import Button from '@material-ui/core/Button';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { NodeTableFilterBar } from './NodeTableFilterBar';
import { useNodeTableStyles } from './nodeTableStyles';
import { ListRow, RowData, Viewport, rowKey } from './NodeTableRows';
import {
  DEFAULT_FILTERS,
  NodeTableColumn,
  NodeTableFilters,
  NodeTableSort,
  filterRows,
  filtersAreDefault,
  sortRows,
} from './nodeTableModel';

/** The height of a table row in pixels. */
export const NODE_ROW_HEIGHT = 36;
/** How many rows the table's viewport shows. */
export const NODE_TABLE_VIEWPORT_ROWS = 14;
/** Rows rendered beyond each edge of the viewport, so that a short scroll shows no gap. */
const OVERSCAN_ROWS = 6;

const COLUMNS: Array<{ id: NodeTableColumn; label: string }> = [
  { id: 'verdict', label: 'Verdict' },
  { id: 'node', label: 'Node' },
  { id: 'pod', label: 'Pod' },
  { id: 'ready', label: 'Ready' },
  { id: 'restarts', label: 'Restarts' },
  { id: 'reason', label: 'Reason' },
  { id: 'revision', label: 'Revision' },
  { id: 'age', label: 'Age' },
];

/** Props of {@link NodeTable}. @public */
export interface NodeTableProps {
  rows: NodeRow[];
  selectedNode?: string;
  /** Incremented to scroll to (and show) `selectedNode`, e.g. after a click on the node map. */
  scrollRequest?: number;
  onSelect?: (nodeName: string) => void;
}

function ariaSort(
  sort: NodeTableSort,
  column: NodeTableColumn,
): 'ascending' | 'descending' | 'none' {
  if (sort.column !== column) return 'none';
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/**
 * The nodes of one DaemonSet as a sortable, filterable and virtualised table: only the rows in
 * view are rendered (react-window's `FixedSizeList`: every row has the same height, and the
 * selected node's detail opens below the table, not inside it), so thousands of nodes stay
 * smooth.
 *
 * @public
 */
export const NodeTable = ({
  rows,
  selectedNode,
  scrollRequest,
  onSelect,
}: NodeTableProps) => {
  const classes = useNodeTableStyles();
  const [filters, setFilters] = useState<NodeTableFilters>(DEFAULT_FILTERS);
  const [sort, setSort] = useState<NodeTableSort>({
    column: 'verdict',
    direction: 'asc',
  });
  const listRef = useRef<FixedSizeList<RowData>>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const handledScroll = useRef<number | undefined>(undefined);
  // Rounded so memoised rows re-render for the age column at most every 10 seconds.
  const now = Math.floor(Date.now() / 10000) * 10000;

  const visible = useMemo(
    () => sortRows(filterRows(rows, filters), sort),
    [rows, filters, sort],
  );

  const viewportHeight =
    Math.max(1, Math.min(visible.length, NODE_TABLE_VIEWPORT_ROWS)) *
    NODE_ROW_HEIGHT;
  // When the list shrinks (e.g. after filtering) the browser clamps the scroll position, but
  // react-window keeps rendering for the old one until a scroll event: bring it in step. Declared
  // before the scroll request's effect, whose scroll must win when both run.
  useEffect(() => {
    const viewport = viewportRef.current;
    if (!viewport) return;
    const max = Math.max(0, visible.length * NODE_ROW_HEIGHT - viewportHeight);
    listRef.current?.scrollTo(Math.min(viewport.scrollTop, max));
  }, [visible.length, viewportHeight]);

  useEffect(() => {
    if (
      scrollRequest === undefined ||
      handledScroll.current === scrollRequest
    ) {
      return;
    }
    if (!selectedNode) return;
    const index = visible.findIndex(r => r.node.name === selectedNode);
    if (index === -1 && !filtersAreDefault(filters)) {
      // The node is filtered out: clear the filters; this effect runs again.
      setFilters(DEFAULT_FILTERS);
      return;
    }
    handledScroll.current = scrollRequest;
    if (index >= 0) {
      listRef.current?.scrollToItem(index, 'center');
      // Bring the table itself into view, e.g. when selected from the node map above it.
      viewportRef.current?.scrollIntoView?.({
        block: 'nearest',
        behavior: 'smooth',
      });
    }
  }, [scrollRequest, selectedNode, visible, filters]);

  const rowData = useMemo<RowData>(
    () => ({ classes, rows: visible, selectedNode, now, onSelect }),
    [classes, visible, selectedNode, now, onSelect],
  );

  const toggleSort = (column: NodeTableColumn) =>
    setSort(s =>
      s.column === column
        ? { column, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: 'asc' },
    );

  return (
    <div data-testid="daemonset-node-table">
      <NodeTableFilterBar filters={filters} onChange={setFilters} />
      <div className={classes.table}>
        <div
          className={classes.inner}
          role="table"
          aria-label="Nodes"
          aria-rowcount={visible.length + 1}
        >
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className={classes.header}>
              {COLUMNS.map(col => (
                <div
                  key={col.id}
                  role="columnheader"
                  className={classes.cell}
                  aria-sort={ariaSort(sort, col.id)}
                >
                  <TableSortLabel
                    active={sort.column === col.id}
                    direction={sort.column === col.id ? sort.direction : 'asc'}
                    onClick={() => toggleSort(col.id)}
                  >
                    {col.label}
                  </TableSortLabel>
                </div>
              ))}
            </div>
          </div>
          <FixedSizeList<RowData>
            ref={listRef}
            outerRef={viewportRef}
            outerElementType={Viewport}
            height={viewportHeight}
            width="100%"
            itemCount={visible.length}
            itemSize={NODE_ROW_HEIGHT}
            itemData={rowData}
            itemKey={rowKey}
            overscanCount={OVERSCAN_ROWS}
          >
            {ListRow}
          </FixedSizeList>
        </div>
      </div>
      {visible.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {rows.length === 0 ? 'No nodes.' : 'No nodes match the filters.'}
        </Typography>
      )}
      <div className={classes.footer}>
        <Typography variant="body2" color="textSecondary" aria-live="polite">
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
