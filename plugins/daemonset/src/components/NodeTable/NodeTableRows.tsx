import { memo } from 'react';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import ChevronRightIcon from '@material-ui/icons/ChevronRight';
import { NodeRow, Verdict } from '@daemonsets/plugin-daemonset-common';
import { VerdictBadge } from '../shared/VerdictIcon';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';
import { formatAge } from '../shared/format';
import { RowGroup } from '../shared/fleetGrouping';
import { NodeTableClasses, ROW_HEIGHT } from './nodeTableStyles';
import {
  PodUsageFigures,
  readyContainers,
  rowCreated,
  rowReason,
} from './nodeTableModel';
import { formatBytes } from '../PodMetrics/PodMetricsNote';
import { rowFlags, rowImages } from './rowSearch';

/** One line of the table: a group's heading or a node. */
export type TableItem =
  | {
      kind: 'group';
      key: string;
      title: string;
      group: RowGroup;
      collapsed: boolean;
    }
  | { kind: 'row'; key: string; row: NodeRow };

/** The last part of an image reference: `registry/org/agent:1.2` shows as `agent:1.2`. */
export function shortImage(image: string): string {
  return image.slice(image.lastIndexOf('/') + 1);
}

/** What the roving tabindex and the handlers need from every line. */
interface LineProps {
  classes: NodeTableClasses;
  index: number;
  /** The one line of the table in the Tab order. */
  tabbable: boolean;
}

/** The CPU and memory cells of a node's line; `—` where its pod has no figures. */
const UsageCells = ({
  classes,
  usage,
}: {
  classes: NodeTableClasses;
  usage?: PodUsageFigures;
}) => (
  <>
    <div role="cell" className={classes.cell} data-testid="daemonset-pod-cpu">
      {usage ? `${usage.cpuMillicores}m` : '—'}
    </div>
    <div
      role="cell"
      className={classes.cell}
      data-testid="daemonset-pod-memory"
    >
      {usage ? formatBytes(usage.memoryBytes) : '—'}
    </div>
  </>
);

/** A node's line. Memoised: a live update re-renders only the rows that changed. */
export const NodeLine = memo(function NodeTableNodeLine(
  props: LineProps & {
    row: NodeRow;
    selected: boolean;
    now: number;
    /** Whether the CPU and memory columns are shown (the cluster serves the metrics API). */
    showUsage: boolean;
    usage?: PodUsageFigures;
  },
) {
  const { classes, row, selected, index, showUsage } = props;
  const ready = readyContainers(row);
  const reason = rowReason(row);
  const flags = rowFlags(row);
  const images = rowImages(row);
  const label = `${row.node.name}: ${verdictStyle(row.verdict).label}${
    flags.length ? ` (${flags.join(', ')})` : ''
  }${reason ? ` — ${reason}` : ''}`;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-label={label}
      tabIndex={props.tabbable ? 0 : -1}
      data-testid="daemonset-node-row"
      data-key={`row:${row.node.name}`}
      data-node={row.node.name}
      data-verdict={row.verdict}
      className={`${classes.row} ${showUsage ? classes.withUsage : ''} ${
        selected ? classes.selected : ''
      }`}
      style={{ top: index * ROW_HEIGHT }}
    >
      <div role="cell" className={classes.cell}>
        <VerdictBadge verdict={row.verdict} />
      </div>
      <div role="cell" className={classes.cell}>
        {row.node.name}
        {flags.map(flag => (
          <span key={flag} className={classes.flag}>
            {flag}
          </span>
        ))}
      </div>
      <div role="cell" className={classes.cell}>
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
      {showUsage && <UsageCells classes={classes} usage={props.usage} />}
      <div role="cell" className={`${classes.cell} ${classes.wrap}`}>
        {reason}
      </div>
      <div role="cell" className={classes.cell} title={images.join(', ')}>
        {images.length ? images.map(shortImage).join(', ') : '—'}
        {row.pod && !row.pod.currentRevision && (
          <span className={classes.flag}>old</span>
        )}
      </div>
      <div role="cell" className={classes.cell}>
        {row.pod ? formatAge(rowCreated(row), props.now) : '—'}
      </div>
    </div>
  );
});

function countsText(counts: Partial<Record<Verdict, number>>): string {
  return VERDICTS.filter(v => counts[v])
    .map(v => `${verdictStyle(v).label} ${counts[v]}`)
    .join(', ');
}

/** A group's heading line: its label value, node count and counts per verdict. */
export const GroupLine = memo(function NodeTableGroupLine(
  props: LineProps & { item: Extract<TableItem, { kind: 'group' }> },
) {
  const { classes, item, index } = props;
  const Icon = item.collapsed ? ChevronRightIcon : ExpandMoreIcon;
  const text = `${item.title}: ${item.group.rows.length} node${
    item.group.rows.length === 1 ? '' : 's'
  } — ${countsText(item.group.counts)}`;
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-expanded={!item.collapsed}
      aria-label={text}
      tabIndex={props.tabbable ? 0 : -1}
      data-testid="daemonset-node-group"
      data-key={item.key}
      data-group={item.group.value ?? ''}
      className={`${classes.row} ${classes.groupRow}`}
      style={{ top: index * ROW_HEIGHT }}
    >
      <div role="cell" className={classes.cell}>
        <Icon
          aria-hidden
          fontSize="small"
          style={{ verticalAlign: 'middle' }}
        />
        {text}
      </div>
    </div>
  );
});
