import { memo, useEffect, useMemo, useRef, useState } from 'react';
import Button from '@material-ui/core/Button';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { verdictStyle } from '../shared/verdictStyle';
import { formatAge } from '../shared/format';
import { NodeTableFilterBar } from './NodeTableFilterBar';
import { VirtualRows, VirtualRowsHandle } from './VirtualRows';
import {
  DEFAULT_FILTERS,
  NodeTableColumn,
  NodeTableFilters,
  NodeTableSort,
  filterRows,
  filtersAreDefault,
  readyContainers,
  rowCreated,
  rowReason,
  rowRevision,
  sortRows,
} from './nodeTableModel';

/** The height of a table row in pixels. */
export const NODE_ROW_HEIGHT = 36;
/** How many rows the table's viewport shows. */
export const NODE_TABLE_VIEWPORT_ROWS = 14;

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

const GRID =
  '120px minmax(140px, 1.4fr) minmax(140px, 1.4fr) 64px 76px minmax(160px, 2fr) minmax(100px, 1fr) 56px';

const useStyles = makeStyles(theme => ({
  table: { overflowX: 'auto' },
  inner: { minWidth: 960 },
  header: {
    display: 'grid',
    gridTemplateColumns: GRID,
    borderBottom: `1px solid ${theme.palette.divider}`,
    fontWeight: theme.typography.fontWeightMedium as number,
    padding: theme.spacing(0.5, 0),
  },
  row: {
    display: 'grid',
    gridTemplateColumns: GRID,
    alignItems: 'center',
    position: 'absolute',
    left: 0,
    right: 0,
    borderBottom: `1px solid ${theme.palette.divider}`,
    cursor: 'pointer',
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
  selected: {
    backgroundColor: theme.palette.action.selected,
    animation: '$flash 1.2s ease-out',
    '&:hover': { backgroundColor: theme.palette.action.selected },
  },
  '@keyframes flash': {
    '0%': { backgroundColor: theme.palette.warning.light },
    '100%': { backgroundColor: theme.palette.action.selected },
  },
  cell: {
    padding: theme.spacing(0, 1),
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.body2.fontSize,
  },
  dot: {
    display: 'inline-block',
    width: 10,
    height: 10,
    borderRadius: '50%',
    marginRight: theme.spacing(1),
  },
  muted: { color: theme.palette.text.secondary },
  footer: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

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

type Classes = ReturnType<typeof useStyles>;

/** One row; its classes come from the table, so that rows do not each attach the style sheet. */
const Row = memo(function NodeTableRow(props: {
  classes: Classes;
  row: NodeRow;
  index: number;
  top: number;
  height: number;
  selected: boolean;
  now: number;
  onSelect?: (nodeName: string) => void;
}) {
  const { classes, row, selected, onSelect } = props;
  const style = verdictStyle(row.verdict);
  const ready = readyContainers(row);
  const reason = rowReason(row);
  const select = () => onSelect?.(row.node.name);
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      aria-selected={selected}
      aria-label={`${row.node.name}: ${style.label}${
        reason ? ` — ${reason}` : ''
      }`}
      tabIndex={0}
      data-testid="daemonset-node-row"
      data-node={row.node.name}
      data-verdict={row.verdict}
      className={`${classes.row} ${selected ? classes.selected : ''}`}
      style={{ top: props.top, height: props.height }}
      onClick={select}
      onKeyDown={e => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      }}
    >
      <div role="cell" className={classes.cell}>
        <span
          className={classes.dot}
          style={{ backgroundColor: style.color }}
        />
        {style.label}
      </div>
      <div role="cell" className={classes.cell} title={row.node.name}>
        {row.node.name}
        {!row.node.ready && <span className={classes.muted}> (NotReady)</span>}
        {!row.node.schedulable && (
          <span className={classes.muted}> (cordoned)</span>
        )}
      </div>
      <div role="cell" className={classes.cell} title={row.pod?.name}>
        {row.pod?.name ?? <span className={classes.muted}>—</span>}
        {row.extraPods ? (
          <span className={classes.muted}> +{row.extraPods}</span>
        ) : null}
      </div>
      <div role="cell" className={classes.cell}>
        {ready ? `${ready.ready}/${ready.total}` : '—'}
      </div>
      <div role="cell" className={classes.cell}>
        {row.pod ? row.pod.restarts : '—'}
      </div>
      <div role="cell" className={classes.cell} title={reason}>
        {reason}
      </div>
      <div role="cell" className={classes.cell} title={row.pod?.revision}>
        {rowRevision(row) || '—'}
      </div>
      <div role="cell" className={classes.cell}>
        {row.pod ? formatAge(rowCreated(row), props.now) : '—'}
      </div>
    </div>
  );
});

/**
 * The nodes of one DaemonSet as a sortable, filterable and virtualised table: only the rows in
 * view are rendered, so thousands of nodes stay smooth.
 *
 * @public
 */
export const NodeTable = ({
  rows,
  selectedNode,
  scrollRequest,
  onSelect,
}: NodeTableProps) => {
  const classes = useStyles();
  const [filters, setFilters] = useState<NodeTableFilters>(DEFAULT_FILTERS);
  const [sort, setSort] = useState<NodeTableSort>({
    column: 'verdict',
    direction: 'asc',
  });
  const listRef = useRef<VirtualRowsHandle>(null);
  const handledScroll = useRef<number | undefined>(undefined);
  // Rounded so memoised rows re-render for the age column at most every 10 seconds.
  const now = Math.floor(Date.now() / 10000) * 10000;

  const visible = useMemo(
    () => sortRows(filterRows(rows, filters), sort),
    [rows, filters, sort],
  );

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
    if (index >= 0) listRef.current?.scrollToIndex(index);
  }, [scrollRequest, selectedNode, visible, filters]);

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
          <VirtualRows
            ref={listRef}
            count={visible.length}
            rowHeight={NODE_ROW_HEIGHT}
            viewportRows={NODE_TABLE_VIEWPORT_ROWS}
            renderRow={(index, style) => {
              const row = visible[index];
              return (
                <Row
                  key={row.node.name}
                  classes={classes}
                  row={row}
                  index={index}
                  top={style.top}
                  height={style.height}
                  selected={row.node.name === selectedNode}
                  now={now}
                  onSelect={onSelect}
                />
              );
            }}
          />
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
