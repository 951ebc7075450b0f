import { useLayoutEffect, useRef } from 'react';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { verdictStyle } from '../shared/verdictStyle';

/**
 * Where the tooltip goes, in px from the corner of the box it is positioned in (`container`):
 * just below the cell `anchor`, starting a little left of it. Computed from both boxes on
 * screen, not from the cell's offsets: those count from the cell's own offset parent, the map's
 * grid (its `will-change` makes it a containing block), not from the tooltip's.
 */
export function tooltipPosition(
  anchor: Element,
  container: Element,
): { left: number; top: number } {
  const cell = anchor.getBoundingClientRect();
  const box = container.getBoundingClientRect();
  return {
    left: Math.max(0, cell.left - box.left - container.clientLeft - 8),
    top: cell.bottom - box.top - container.clientTop + 6,
  };
}

/** The one tooltip the map shares between its cells, placed below the cell `anchor`. */
export const NodeMapTooltip = (props: {
  /** From the map's style sheet, attached once by the map. */
  classes: Record<string, string>;
  row: NodeRow;
  anchor: HTMLElement | undefined;
}) => {
  const { classes, row, anchor } = props;
  const ref = useRef<HTMLDivElement>(null);
  // Placed before the browser paints it, once the tooltip's own containing box is known.
  useLayoutEffect(() => {
    const el = ref.current;
    const container = el?.offsetParent ?? el?.parentElement;
    if (!el || !anchor || !container) return;
    const { left, top } = tooltipPosition(anchor, container);
    el.style.left = `${left}px`;
    el.style.top = `${top}px`;
  }, [anchor, row]);
  const style = verdictStyle(row.verdict);
  return (
    <Paper ref={ref} className={classes.tooltip} elevation={4} role="tooltip">
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
