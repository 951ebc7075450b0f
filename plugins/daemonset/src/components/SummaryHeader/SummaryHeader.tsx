import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DaemonSetStatusReport,
  DaemonSetSummary,
} from '@daemonsets/plugin-daemonset-common';
import { RolloutProgress, resolveIntOrPercent } from './RolloutProgress';
import { formatDateTime } from '../shared/format';

const useStyles = makeStyles(theme => ({
  root: { marginBottom: theme.spacing(2) },
  titleLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(0.5),
  },
  title: { fontFamily: 'monospace', fontSize: '1.15rem' },
  stats: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(2),
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  actions: {
    marginLeft: 'auto',
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
  },
  facts: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(1, 0),
  },
  // text.secondary is 4.47:1 on the page's #f8f8f8 background: below WCAG AA.
  label: {
    color:
      theme.palette.type === 'dark' ? theme.palette.text.secondary : '#555',
    marginRight: 4,
  },
  warn: { color: '#b71c1c', fontWeight: 700 },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
}));

/** Props of {@link SummaryHeader}. @public */
export interface SummaryHeaderProps {
  report: DaemonSetStatusReport;
  /**
   * Buttons acting on the DaemonSet (edit, roll back, decommission...), shown at the right end
   * of the title line.
   */
  actions?: ReactNode;
}

const Stat = (props: { label: string; value: number; warn?: boolean }) => {
  const classes = useStyles();
  return (
    <li data-testid={`stat-${props.label.toLowerCase()}`}>
      <Typography variant="body2" component="span" className={classes.label}>
        {props.label}
      </Typography>
      <Typography
        variant="body2"
        component="span"
        className={props.warn ? classes.warn : undefined}
      >
        {props.value}
        {props.warn ? ' ⚠' : ''}
      </Typography>
    </li>
  );
};

const Fact = (props: {
  label: string;
  children: ReactNode;
  testId?: string;
}) => {
  const classes = useStyles();
  return (
    <Typography variant="body2" component="div" data-testid={props.testId}>
      <span className={classes.label}>{props.label}</span>
      {props.children}
    </Typography>
  );
};

/** The update strategy with its budget, e.g. "RollingUpdate, max unavailable 1 (of 20), max surge 0". */
export function describeStrategy(ds: DaemonSetSummary): string {
  const strategy = ds.updateStrategy;
  if (strategy.type === 'OnDelete') return 'OnDelete';
  const unavailable = strategy.maxUnavailable ?? 1;
  const surge = strategy.maxSurge ?? 0;
  const resolved = resolveIntOrPercent(unavailable, ds.desired, 1);
  const percent = typeof unavailable === 'string' && unavailable.endsWith('%');
  return `RollingUpdate, max unavailable ${unavailable}${
    percent ? ` (${resolved} of ${ds.desired})` : ''
  }, max surge ${surge}`;
}

/** The node selector and tolerations as short text; "any node" without either. */
export function describePlacement(ds: DaemonSetSummary): {
  selector: string;
  tolerations: string;
} {
  const placement = ds.placement;
  const selector = Object.entries(placement?.nodeSelector ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  return {
    selector:
      (selector || 'none') +
      (placement?.requiredNodeAffinity ? ' + required node affinity' : ''),
    tolerations: placement?.tolerations.join(', ') || 'none',
  };
}

/**
 * A DaemonSet's compact header: its name once, its counts in one line, update strategy and
 * budget, images, placement, and the rollout's progress; an optional actions area.
 *
 * @public
 */
export const SummaryHeader = ({ report, actions }: SummaryHeaderProps) => {
  const classes = useStyles();
  const ds = report.daemonSet;
  const placement = describePlacement(ds);
  return (
    <div className={classes.root} data-testid="daemonset-summary">
      <div className={classes.titleLine}>
        <Typography variant="h6" component="h3" className={classes.title}>
          {ds.namespace}/{ds.name}
        </Typography>
        <ul className={classes.stats} aria-label="Counts">
          <Stat label="Desired" value={ds.desired} />
          <Stat label="Ready" value={ds.ready} warn={ds.ready < ds.desired} />
          <Stat label="Updated" value={ds.updated} />
          <Stat
            label="Available"
            value={ds.available}
            warn={ds.available < ds.desired}
          />
          <Stat
            label="Unavailable"
            value={ds.unavailable}
            warn={ds.unavailable > 0}
          />
          <Stat
            label="Misscheduled"
            value={ds.misscheduled}
            warn={ds.misscheduled > 0}
          />
        </ul>
        {actions && (
          <div
            className={classes.actions}
            data-testid="daemonset-header-actions"
          >
            {actions}
          </div>
        )}
      </div>
      <div className={classes.facts}>
        <Fact label="Strategy" testId="daemonset-strategy">
          {describeStrategy(ds)}
        </Fact>
        <Fact label={ds.images.length === 1 ? 'Image' : 'Images'}>
          {ds.images.map((image, i) => (
            <span key={image}>
              {i > 0 ? ', ' : ''}
              <span className={classes.mono}>{image}</span>
            </span>
          ))}
        </Fact>
        <Fact label="Node selector" testId="daemonset-node-selector">
          <span className={classes.mono}>{placement.selector}</span>
        </Fact>
        <Fact label="Tolerations" testId="daemonset-tolerations">
          <span className={classes.mono}>{placement.tolerations}</span>
        </Fact>
        <Fact label="Observed">{formatDateTime(report.observedAt)}</Fact>
      </div>
      <RolloutProgress daemonSet={ds} />
    </div>
  );
};
