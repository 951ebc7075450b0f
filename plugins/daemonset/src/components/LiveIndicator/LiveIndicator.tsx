import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { LiveConnectionState } from '../../api';
import { formatClock, parseTime } from '../shared/format';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1.5),
    borderRadius: 16,
    border: `1px solid ${theme.palette.divider}`,
  },
  dot: {
    width: 10,
    height: 10,
    borderRadius: '50%',
    flex: 'none',
  },
  live: { backgroundColor: '#2e7d32' },
  connecting: { backgroundColor: theme.palette.grey[500] },
  reconnecting: { backgroundColor: '#ef6c00' },
  failed: { backgroundColor: '#c62828' },
}));

/** Props of {@link LiveIndicator}. @public */
export interface LiveIndicatorProps {
  connection: LiveConnectionState;
  /** When the shown data was generated (ISO timestamp). */
  asOf?: string;
}

/** The text a connection state is shown with. */
export function liveIndicatorText(
  connection: LiveConnectionState,
  asOf?: string,
): string {
  const date = parseTime(asOf);
  const asOfText = date ? ` — data as of ${formatClock(date)}` : '';
  switch (connection.state) {
    case 'live':
      return 'Live';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return `Reconnecting${asOfText}`;
    case 'failed':
    default:
      return `Live updates unavailable${asOfText}`;
  }
}

/**
 * Says whether the tab follows changes live, or since when its data may be stale.
 *
 * @public
 */
export const LiveIndicator = ({ connection, asOf }: LiveIndicatorProps) => {
  const classes = useStyles();
  const text = liveIndicatorText(connection, asOf);
  const detail =
    connection.state === 'reconnecting' || connection.state === 'failed'
      ? connection.error?.message
      : undefined;
  return (
    <span
      className={classes.root}
      role="status"
      aria-live="polite"
      data-testid="daemonset-live-indicator"
      data-state={connection.state}
      title={detail}
    >
      <span className={`${classes.dot} ${classes[connection.state]}`} />
      <Typography variant="body2" component="span">
        {text}
      </Typography>
    </span>
  );
};
