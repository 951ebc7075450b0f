import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DaemonSetStatusReport } from '@daemonsets/plugin-daemonset-common';
import { RolloutProgress } from './RolloutProgress';
import { formatDateTime } from '../shared/format';
import { useLayoutStyles } from '../shared/layoutStyles';

const useStyles = makeStyles(theme => ({
  stats: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(3),
    margin: theme.spacing(1, 0, 2),
  },
  stat: { minWidth: 80 },
  warn: { color: theme.palette.error.main },
  mono: { fontFamily: 'monospace' },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
}));

/** Props of {@link SummaryHeader}. @public */
export interface SummaryHeaderProps {
  report: DaemonSetStatusReport;
}

const Stat = (props: { label: string; value: number; warn?: boolean }) => {
  const classes = useStyles();
  return (
    <div
      className={classes.stat}
      data-testid={`stat-${props.label.toLowerCase()}`}
    >
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography
        variant="h5"
        component="div"
        className={props.warn ? classes.warn : undefined}
      >
        {props.value}
      </Typography>
    </div>
  );
};

/**
 * A DaemonSet's counts, images, revision and rollout progress.
 *
 * @public
 */
export const SummaryHeader = ({ report }: SummaryHeaderProps) => {
  const classes = useStyles();
  const layout = useLayoutStyles();
  const ds = report.daemonSet;
  return (
    <div>
      <div className={classes.stats}>
        <Stat label="Desired" value={ds.desired} />
        <Stat label="Ready" value={ds.ready} warn={ds.ready < ds.desired} />
        <Stat label="Updated" value={ds.updated} />
        <Stat
          label="Available"
          value={ds.available}
          warn={ds.available < ds.desired}
        />
        <Stat
          label="Misscheduled"
          value={ds.misscheduled}
          warn={ds.misscheduled > 0}
        />
      </div>
      <RolloutProgress daemonSet={ds} />
      <div className={layout.details}>
        <div>
          <Typography variant="caption" color="textSecondary" component="div">
            Image{ds.images.length === 1 ? '' : 's'}
          </Typography>
          <div className={classes.chips}>
            {ds.images.map(image => (
              <Chip
                key={image}
                size="small"
                label={image}
                className={classes.mono}
              />
            ))}
          </div>
        </div>
        <div>
          <Typography variant="caption" color="textSecondary" component="div">
            Current revision
          </Typography>
          <Typography variant="body2" className={classes.mono}>
            {ds.currentRevision ?? 'unknown'}
          </Typography>
        </div>
        <div>
          <Typography variant="caption" color="textSecondary" component="div">
            Observed
          </Typography>
          <Typography variant="body2">
            {formatDateTime(report.observedAt)}
          </Typography>
        </div>
      </div>
    </div>
  );
};
