import { CSSProperties, HTMLAttributes, forwardRef, memo } from 'react';
import { ListChildComponentProps } from 'react-window';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { verdictStyle } from '../shared/verdictStyle';
import { formatAge } from '../shared/format';
import { NodeTableClasses } from './nodeTableStyles';
import {
  readyContainers,
  rowCreated,
  rowReason,
  rowRevision,
} from './nodeTableModel';

/** One row; its classes come from the table, so that rows do not each attach the style sheet. */
const Row = memo(function NodeTableRow(props: {
  classes: NodeTableClasses;
  row: NodeRow;
  index: number;
  /** From react-window: the row's place in the list, one object per index. */
  style: CSSProperties;
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
      style={props.style}
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

/** What every row of the list shares, passed by react-window as `data`. */
export interface RowData {
  classes: NodeTableClasses;
  rows: NodeRow[];
  selectedNode?: string;
  now: number;
  onSelect?: (nodeName: string) => void;
}

/** Renders the row at `index` of react-window's list. */
export const ListRow = ({
  index,
  style,
  data,
}: ListChildComponentProps<RowData>) => {
  const row = data.rows[index];
  return (
    <Row
      classes={data.classes}
      row={row}
      index={index}
      style={style}
      selected={row.node.name === data.selectedNode}
      now={data.now}
      onSelect={data.onSelect}
    />
  );
};

/** Keys the rows by node, so that a row keeps its element when the list is re-sorted. */
export const rowKey = (index: number, data: RowData) =>
  data.rows[index].node.name;

/** The list's scrolling element: the table's row group of node rows. */
export const Viewport = forwardRef<
  HTMLDivElement,
  HTMLAttributes<HTMLDivElement>
>(function NodeTableViewport(props, ref) {
  return (
    <div
      ref={ref}
      role="rowgroup"
      data-testid="daemonset-node-table-viewport"
      {...props}
    />
  );
});
