import Typography from '@material-ui/core/Typography';
import { Verdict } from '@daemonsets/plugin-daemonset-common';
import { VERDICTS, verdictStyle } from '../shared/verdictStyle';

/** The legend: one swatch and count per verdict, in display order. */
export const NodeMapLegend = (props: {
  /** From the map's style sheet, attached once by the map. */
  classes: Record<string, string>;
  counts: Partial<Record<Verdict, number>>;
}) => {
  const { classes, counts } = props;
  return (
    <ul className={classes.legend} aria-label="Verdict legend">
      {VERDICTS.map(verdict => {
        const style = verdictStyle(verdict);
        const count = counts[verdict] ?? 0;
        return (
          <li
            key={verdict}
            className={classes.legendItem}
            title={style.description}
            aria-label={`${style.label}: ${count}`}
          >
            <span
              className={classes.swatch}
              style={{ backgroundColor: style.color }}
            />
            <Typography variant="body2" component="span">
              {style.label} {count}
            </Typography>
          </li>
        );
      })}
    </ul>
  );
};
