import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { PodEventList } from '@daemonsets/plugin-daemonset-common';
import { useEffect, useState } from 'react';
import { DaemonSetApi, DaemonSetEntityRef, PodLocator } from '../../api';
import { formatDateTime } from '../shared/format';

/** Props of {@link PodEventsPanel}. @public */
export interface PodEventsPanelProps {
  api: DaemonSetApi;
  entityRef: DaemonSetEntityRef;
  pod: PodLocator;
}

/**
 * The pod's Kubernetes events (and its node's, when the node may be the cause), newest first,
 * live while the panel is shown: the subscription, and the backend's watch, end when it closes.
 *
 * @public
 */
export const PodEventsPanel = ({
  api,
  entityRef,
  pod,
}: PodEventsPanelProps) => {
  const [list, setList] = useState<PodEventList>();
  const [error, setError] = useState<Error>();
  useEffect(() => {
    setList(undefined);
    setError(undefined);
    return api.subscribeToPodEvents?.(entityRef, pod, {
      onEvents: setList,
      onError: setError,
    });
    // The locator's fields, not its identity, name the pod.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    api,
    entityRef.kind,
    entityRef.namespace,
    entityRef.name,
    pod.cluster,
    pod.namespace,
    pod.name,
  ]);

  if (error) {
    return (
      <Typography variant="body2" color="error" role="alert">
        Events could not be read: {error.message}
      </Typography>
    );
  }
  if (!list) {
    return <Typography variant="body2">Loading events…</Typography>;
  }
  if (list.events.length === 0) {
    return <Typography variant="body2">No events.</Typography>;
  }
  return (
    <Table size="small" aria-label="Pod events">
      <TableHead>
        <TableRow>
          <TableCell>Type</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Message</TableCell>
          <TableCell>Count</TableCell>
          <TableCell>Last seen</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {list.events.map(e => (
          <TableRow key={e.uid} data-testid="pod-event">
            <TableCell>
              <Chip
                size="small"
                label={e.type}
                color={e.type === 'Warning' ? 'secondary' : 'default'}
              />
            </TableCell>
            <TableCell>
              {e.reason}
              {e.involvedObject.kind === 'Node' && (
                <Typography variant="caption" display="block">
                  node {e.involvedObject.name}
                </Typography>
              )}
            </TableCell>
            <TableCell style={{ wordBreak: 'break-word' }}>
              {e.message}
            </TableCell>
            <TableCell>{e.count}</TableCell>
            <TableCell>{formatDateTime(e.lastSeen)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
