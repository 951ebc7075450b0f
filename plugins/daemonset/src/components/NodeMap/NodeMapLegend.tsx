import Typography from '@material-ui/core/Typography';
import { Verdict } from '@daemonsets/plugin-daemonset-common';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';

/** How many nodes are down or under pressure, whatever their verdict. */
export interface HealthCounts {
  notReady: number;
  pressure: number;
}

/**
 * The legend: one swatch (the cells' own shape and colour) and count per verdict, in display
 * order, then the nodes that are down or under pressure when there are any.
 */
export const NodeMapLegend = (props: {
  /** From the map's style sheet, attached once by the map. */
  classes: Record<string, string>;
  counts: Partial<Record<Verdict, number>>;
  health?: HealthCounts;
}) => {
  const { classes, counts, health } = props;
  const healthItems: Array<[string, string, number]> = [];
  if (health?.notReady) {
    healthItems.push(['notReady', 'Node NotReady', health.notReady]);
  }
  if (health?.pressure) {
    healthItems.push(['pressure', 'Node under pressure', health.pressure]);
  }
  return (
    <ul className={classes.legend} aria-label="Verdict legend">
      {VERDICTS.map(verdict => {
        const style = verdictStyle(verdict);
        const count = counts[verdict] ?? 0;
        return (
          <li
            key={verdict}
            className={classes.legendItem}
            aria-label={`${style.label}: ${count}`}
          >
            <span
              aria-hidden
              className={`${classes.swatch} ${classes[`verdict-${verdict}`]}`}
            />
            <Typography variant="body2" component="span">
              {style.label} {count}
            </Typography>
          </li>
        );
      })}
      {healthItems.map(([key, label, count]) => (
        <li
          key={key}
          className={classes.legendItem}
          aria-label={`${label}: ${count}`}
          data-testid={`daemonset-legend-${key}`}
        >
          <span
            aria-hidden
            data-health={key}
            className={`${classes.swatch} ${classes.cell} ${classes['verdict-notEligible']}`}
          />
          <Typography variant="body2" component="span">
            {label} {count}
          </Typography>
        </li>
      ))}
    </ul>
  );
};
