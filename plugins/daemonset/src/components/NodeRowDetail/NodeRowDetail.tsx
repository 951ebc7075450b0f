import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import CloseIcon from '@material-ui/icons/Close';
import { makeStyles } from '@material-ui/core/styles';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { VerdictBadge } from '../shared/VerdictIcon';
import { formatDateTime } from '../shared/format';
import { PodTroubleshooting } from '../PodTroubleshooting';

/**
 * A Kubernetes event of a pod. The backend does not send events yet; pass them to
 * {@link NodeRowDetail} when it does.
 *
 * @public
 */
export interface PodEventInfo {
  type: string;
  reason?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
}

/** Props of {@link NodeRowDetail}. @public */
export interface NodeRowDetailProps {
  row: NodeRow;
  /** Recent events of the pod, when available. Nothing is shown when undefined. */
  events?: PodEventInfo[];
  onClose?: () => void;
}

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(2), marginTop: theme.spacing(2) },
  section: { marginTop: theme.spacing(2) },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
  },
  mono: { fontFamily: 'monospace', wordBreak: 'break-all' },
  chips: { display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) },
  message: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  container: { marginBottom: theme.spacing(1.5) },
}));

const Field = (props: { label: string; children: React.ReactNode }) => (
  <>
    <Typography variant="body2" color="textSecondary" component="div">
      {props.label}
    </Typography>
    <Typography variant="body2" component="div">
      {props.children}
    </Typography>
  </>
);

const Section = (props: { title: string; children: React.ReactNode }) => {
  const classes = useStyles();
  return (
    <section className={classes.section} aria-label={props.title}>
      <Typography variant="subtitle2" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </section>
  );
};

/** Whether a node condition is abnormal: `Ready` when not `True`, any other when not `False`. */
function needsAttention(c: { type: string; status: string }): boolean {
  return c.type === 'Ready' ? c.status !== 'True' : c.status !== 'False';
}

/**
 * A line about the node's conditions. The report lists only the conditions that need attention
 * (older backends sent them all), so none abnormal means all normal for a ready node.
 */
export function describeConditions(node: NodeRow['node']): string {
  const abnormal = node.conditions.filter(needsAttention);
  if (abnormal.length === 0) {
    return node.ready
      ? 'All conditions normal'
      : 'Not ready (no condition reported)';
  }
  return abnormal.map(c => `${c.type} ${c.status}`).join(', ');
}

/**
 * Everything known about one node row: why the node is (not) eligible, the pod and its
 * containers, and the node's taints and the conditions that need attention.
 *
 * @public
 */
export const NodeRowDetail = ({ row, events, onClose }: NodeRowDetailProps) => {
  const classes = useStyles();
  const { pod, node, eligibility } = row;
  return (
    <Paper
      variant="outlined"
      className={classes.root}
      role="region"
      aria-label={`Details of node ${node.name}`}
      data-testid="daemonset-node-detail"
    >
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="h6" component="h3" style={{ flex: 1 }}>
          {node.name} <VerdictBadge verdict={row.verdict} />
        </Typography>
        {onClose && (
          <IconButton size="small" aria-label="Close details" onClick={onClose}>
            <CloseIcon fontSize="small" />
          </IconButton>
        )}
      </Box>
      {row.reason && <Typography variant="body2">{row.reason}</Typography>}

      <Section title="Eligibility">
        <Typography variant="body2">
          {eligibility.eligible
            ? 'The DaemonSet should run a pod on this node.'
            : 'The DaemonSet should not run on this node:'}
        </Typography>
        {eligibility.reasons.length > 0 && (
          <ul>
            {eligibility.reasons.map(reason => (
              <li key={reason}>
                <Typography variant="body2">{reason}</Typography>
              </li>
            ))}
          </ul>
        )}
        {!eligibility.eligible && eligibility.shouldContinueRunning && pod && (
          <Typography variant="body2" color="textSecondary">
            An existing pod is left running here (only NoSchedule taints are not
            tolerated).
          </Typography>
        )}
      </Section>

      <Section title="Pod">
        {pod ? (
          <div className={classes.grid}>
            <Field label="Name">
              <span className={classes.mono}>
                {pod.namespace}/{pod.name}
              </span>
            </Field>
            <Field label="Phase">
              {pod.phase}
              {pod.deleting ? ' (deleting)' : ''}
            </Field>
            <Field label="Ready">{pod.ready ? 'yes' : 'no'}</Field>
            <Field label="Restarts">{pod.restarts}</Field>
            <Field label="Start time">{formatDateTime(pod.startTime)}</Field>
            {pod.createdAt && (
              <Field label="Created">{formatDateTime(pod.createdAt)}</Field>
            )}
            {pod.readySince && (
              <Field label="Ready since">
                {formatDateTime(pod.readySince)}
              </Field>
            )}
            <Field label="Revision">
              {pod.currentRevision ? 'current' : 'old'}
              {pod.revision ? ` (${pod.revision})` : ''}
            </Field>
            {pod.reason && <Field label="Reason">{pod.reason}</Field>}
            {pod.message && (
              <Field label="Message">
                <span className={classes.message}>{pod.message}</span>
              </Field>
            )}
            {row.extraPods ? (
              <Field label="Other pods on the node">{row.extraPods}</Field>
            ) : null}
          </div>
        ) : (
          <Typography variant="body2">
            No pod of this DaemonSet on the node.
          </Typography>
        )}
      </Section>

      {pod && pod.containers.length > 0 && (
        <Section title="Containers">
          {pod.containers.map(c => (
            <div
              key={`${c.init ? 'init:' : ''}${c.name}`}
              role="group"
              aria-label={`Container ${c.name}`}
              className={classes.container}
            >
              <Typography variant="body2" component="div">
                <strong>{c.name}</strong>
                {c.init ? ' (init)' : ''}
              </Typography>
              <div className={classes.grid}>
                <Field label="Image">
                  <span className={classes.mono}>{c.image}</span>
                </Field>
                <Field label="State">
                  {c.state}
                  {c.ready ? ', ready' : ', not ready'}
                  {c.exitCode !== undefined ? ` (exit ${c.exitCode})` : ''}
                </Field>
                <Field label="Reason">
                  <span className={classes.message}>
                    {[c.reason, c.message].filter(Boolean).join(': ') || '—'}
                  </span>
                </Field>
                <Field label="Restarts">{c.restartCount}</Field>
                <Field label="Last termination">
                  {c.lastTermination
                    ? [
                        c.lastTermination.reason,
                        c.lastTermination.exitCode !== undefined
                          ? `exit ${c.lastTermination.exitCode}`
                          : undefined,
                        c.lastTermination.finishedAt
                          ? formatDateTime(c.lastTermination.finishedAt)
                          : undefined,
                      ]
                        .filter(Boolean)
                        .join(', ')
                    : '—'}
                </Field>
              </div>
            </div>
          ))}
        </Section>
      )}

      {events && (
        <Section title="Recent pod events">
          {events.length === 0 ? (
            <Typography variant="body2">No recent events.</Typography>
          ) : (
            <ul>
              {events.map((e, i) => (
                <li key={i}>
                  <Typography variant="body2">
                    {e.type} {e.reason}: {e.message}
                    {e.count && e.count > 1 ? ` (×${e.count})` : ''}
                    {e.lastTimestamp
                      ? ` — ${formatDateTime(e.lastTimestamp)}`
                      : ''}
                  </Typography>
                </li>
              ))}
            </ul>
          )}
        </Section>
      )}

      <PodTroubleshooting row={row} />

      <Section title="Node">
        <div className={classes.grid}>
          <Field label="Ready">{node.ready ? 'yes' : 'no'}</Field>
          <Field label="Schedulable">
            {node.schedulable ? 'yes' : 'no (cordoned)'}
          </Field>
          <Field label="Labels">
            <span className={classes.chips}>
              {Object.entries(node.labels).map(([k, v]) => (
                <Chip
                  key={k}
                  size="small"
                  variant="outlined"
                  label={`${k}=${v}`}
                />
              ))}
              {Object.keys(node.labels).length === 0 && '—'}
            </span>
          </Field>
          <Field label="Conditions">
            <span data-testid="daemonset-node-conditions-summary">
              {describeConditions(node)}
            </span>
          </Field>
          <Field label="Taints">
            {node.taints.length === 0
              ? 'none'
              : node.taints.map(t => (
                  <div key={`${t.key}:${t.effect}`} className={classes.mono}>
                    {t.key}
                    {t.value ? `=${t.value}` : ''}:{t.effect}
                  </div>
                ))}
          </Field>
        </div>
        {node.conditions.length > 0 && (
          <Table size="small" aria-label="Node conditions">
            <TableHead>
              <TableRow>
                <TableCell>Condition</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Reason / message</TableCell>
                <TableCell>Since</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {node.conditions.map(c => (
                <TableRow key={c.type}>
                  <TableCell>{c.type}</TableCell>
                  <TableCell>{c.status}</TableCell>
                  <TableCell className={classes.message}>
                    {[c.reason, c.message].filter(Boolean).join(': ') || '—'}
                  </TableCell>
                  <TableCell>{formatDateTime(c.lastTransitionTime)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </Paper>
  );
};
