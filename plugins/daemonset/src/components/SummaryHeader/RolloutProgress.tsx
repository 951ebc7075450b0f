import Typography from '@material-ui/core/Typography';
import { darken, lighten, makeStyles } from '@material-ui/core/styles';
import { DaemonSetSummary } from '@daemonsets/plugin-daemonset-common';

/**
 * Resolves an int-or-percent against a total the way the DaemonSet controller does (percentages
 * round up).
 */
export function resolveIntOrPercent(
  value: string | number | undefined,
  total: number,
  fallback: number,
): number {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value === 'number') return value;
  const match = /^(\d+)%$/.exec(value.trim());
  if (match) return Math.ceil((Number(match[1]) * total) / 100);
  const n = Number(value);
  return Number.isFinite(n) ? n : fallback;
}

/** The rollout state of a DaemonSet, as text and a fraction. */
export function describeRollout(ds: DaemonSetSummary): {
  inProgress: boolean;
  text: string;
  percent: number;
  budget?: number;
} {
  const desired = ds.desired;
  const percent =
    desired > 0 ? Math.min(100, Math.round((ds.updated / desired) * 100)) : 100;
  const unavailable = ds.unavailable ?? Math.max(0, desired - ds.available);
  const pending = ds.observedGeneration < ds.generation;
  const updatedText = `${ds.updated}/${desired} updated`;

  if (ds.updateStrategy.type === 'OnDelete') {
    const inProgress = ds.updated < desired;
    return {
      inProgress,
      percent,
      text: inProgress
        ? `OnDelete: ${updatedText}, old pods are replaced only when deleted`
        : `OnDelete: up to date, ${updatedText}`,
    };
  }

  const surge = resolveIntOrPercent(ds.updateStrategy.maxSurge, desired, 0);
  let budget = resolveIntOrPercent(
    ds.updateStrategy.maxUnavailable,
    desired,
    surge > 0 ? 0 : 1,
  );
  if (budget === 0 && surge === 0) budget = 1;
  const inProgress = pending || ds.updated < desired;
  const budgetText = `${unavailable} unavailable of a budget of ${budget}${
    surge > 0 ? `, surge ${surge}` : ''
  }`;
  let text: string;
  if (pending && ds.updated >= desired) {
    text = `updating: waiting for the controller to observe generation ${ds.generation}`;
  } else if (inProgress) {
    text = `updating: ${updatedText}, ${budgetText}`;
  } else {
    text = `up to date: ${updatedText}${
      unavailable > 0 ? `, ${unavailable} unavailable` : ''
    }`;
  }
  return { inProgress, text, percent, budget };
}

// A bar drawn like MUI's determinate LinearProgress, without its style sheet (and its
// animations): one fewer sheet injected when the tab first opens.
const useBarStyles = makeStyles(theme => ({
  bar: {
    position: 'relative',
    overflow: 'hidden',
    height: 4,
    backgroundColor:
      theme.palette.type === 'light'
        ? lighten(theme.palette.primary.main, 0.62)
        : darken(theme.palette.primary.main, 0.5),
  },
  fill: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    width: '100%',
    backgroundColor: theme.palette.primary.main,
    transition: 'transform .4s linear',
  },
  // A finished rollout is nothing to look at: a grey bar, not an alarming colour.
  neutral: {
    backgroundColor: theme.palette.grey[300],
    '& $fill': { backgroundColor: theme.palette.grey[600] },
  },
}));

/** Props of {@link RolloutProgress}. @public */
export interface RolloutProgressProps {
  daemonSet: DaemonSetSummary;
}

/**
 * A progress bar of the rollout against the update strategy's unavailability budget.
 *
 * @public
 */
export const RolloutProgress = ({ daemonSet }: RolloutProgressProps) => {
  const rollout = describeRollout(daemonSet);
  const classes = useBarStyles();
  return (
    <div data-testid="daemonset-rollout">
      <Typography variant="body2" component="div" gutterBottom>
        <strong>Rollout</strong> ({daemonSet.updateStrategy.type}) —{' '}
        {rollout.text}
      </Typography>
      <div
        role="progressbar"
        aria-valuenow={Math.round(rollout.percent)}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-label={`Rollout progress: ${rollout.text}`}
        data-state={rollout.inProgress ? 'in-progress' : 'complete'}
        className={`${classes.bar} ${
          rollout.inProgress ? '' : classes.neutral
        }`}
      >
        <div
          className={classes.fill}
          style={{ transform: `translateX(${rollout.percent - 100}%)` }}
        />
      </div>
    </div>
  );
};
