import { Box } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ApprovalRequest } from '@daemonsets/plugin-daemonset-common';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';
import { approvalRequestPath } from './paths';

/** A DaemonSet by where it runs. */
export interface DaemonSetLocationKey {
  cluster: string;
  namespace: string;
  name: string;
}

function concerns(
  request: ApprovalRequest,
  entityRef: string,
  daemonSets: DaemonSetLocationKey[],
): boolean {
  return (
    request.entityRef === entityRef ||
    daemonSets.some(
      d =>
        d.cluster === request.cluster &&
        d.namespace === request.namespace &&
        d.name === request.name,
    )
  );
}

/**
 * A banner on the entity tab for each pending approval request of the entity or of one of its
 * DaemonSets that the user may read, linking to the request. Shows nothing when the requests
 * cannot be read: the tab's status matters more.
 */
export function PendingApprovalBanner(props: {
  entityRef: string;
  daemonSets: DaemonSetLocationKey[];
}) {
  const { entityRef, daemonSets } = props;
  const api = useApi(daemonSetApiRef);
  const pending = useAsync(
    () => api.listApprovalRequests({ state: 'pending' }).catch(() => []),
    [api],
  );
  const mine = (pending.value ?? []).filter(r =>
    concerns(r, entityRef, daemonSets),
  );
  if (mine.length === 0) return null;
  return (
    <Box mb={2} data-testid="daemonset-approval-banner">
      {mine.map(request => (
        <Alert key={request.id} severity="info">
          A change to {request.namespace}/{request.name} on {request.cluster}{' '}
          waits for approval (requested by {request.requester}).{' '}
          <Link to={approvalRequestPath(request.id)}>Review the request</Link>
        </Alert>
      ))}
    </Box>
  );
}
