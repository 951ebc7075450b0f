import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { verdictStyle } from '../shared/verdictStyle';

/** The one tooltip the map shares between its cells, placed below the cell `anchor`. */
export const NodeMapTooltip = (props: {
  /** From the map's style sheet, attached once by the map. */
  classes: Record<string, string>;
  row: NodeRow;
  anchor: HTMLElement | undefined;
  cellSize: number;
}) => {
  const { classes, row, anchor, cellSize } = props;
  const style = verdictStyle(row.verdict);
  return (
    <Paper
      className={classes.tooltip}
      elevation={4}
      role="tooltip"
      style={{
        left: Math.max(0, (anchor?.offsetLeft ?? 0) - 8),
        top: (anchor?.offsetTop ?? 0) + cellSize + 6,
      }}
    >
      <Typography variant="subtitle2">{row.node.name}</Typography>
      <Typography variant="body2">
        <span style={{ color: style.color }}>■</span> {style.label}
        {row.reason ? ` — ${row.reason}` : ''}
      </Typography>
      {row.pod && (
        <Typography variant="caption" component="div">
          {row.pod.name} · {row.pod.phase} · restarts {row.pod.restarts}
        </Typography>
      )}
      {!row.eligibility.eligible && row.eligibility.reasons.length > 0 && (
        <Typography variant="caption" component="div">
          {row.eligibility.reasons.join('; ')}
        </Typography>
      )}
    </Paper>
  );
};
