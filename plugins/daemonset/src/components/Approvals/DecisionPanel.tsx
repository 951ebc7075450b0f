import { useState } from 'react';
import { Box, Button, TextField, Typography } from '@material-ui/core';
import { WarningPanel } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ApprovalRequest,
  daemonSetRequestApprovePermission,
} from '@daemonsets/plugin-daemonset-common';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';

/**
 * What the signed-in user may do with a request: approve or reject it with a comment (approvers,
 * never on their own request), withdraw it (its requester, while pending) or retry a failed
 * apply. The backend enforces each rule; the buttons only hide what it would refuse.
 */
export function DecisionPanel(props: {
  request: ApprovalRequest;
  onChange(request: ApprovalRequest): void;
}) {
  const { request, onChange } = props;
  const api = useApi(daemonSetApiRef);
  const identityApi = useApi(identityApiRef);
  const me = useAsync(async () => {
    return (await identityApi.getBackstageIdentity()).userEntityRef;
  }, [identityApi]);
  const approve = usePermission({
    permission: daemonSetRequestApprovePermission,
    resourceRef: request.id,
  });
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const run = (action: () => Promise<ApprovalRequest>) => async () => {
    setBusy(true);
    setError(undefined);
    try {
      onChange(await action());
      setComment('');
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  if (me.loading || approve.loading) return null;
  const isRequester = me.value === request.requester;
  const alreadyApproved = request.decisions.some(
    d => d.by === me.value && d.decision === 'approve',
  );
  const mayDecide = approve.allowed && !isRequester;
  const pending = request.state === 'pending';
  const decision = (kind: 'approve' | 'reject') =>
    run(() =>
      api.decideApprovalRequest(request.id, {
        decision: kind,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      }),
    );

  const actions: JSX.Element[] = [];
  if (pending && mayDecide && !alreadyApproved) {
    actions.push(
      <Button
        key="approve"
        color="primary"
        variant="contained"
        disabled={busy}
        onClick={decision('approve')}
      >
        Approve
      </Button>,
    );
  }
  if (pending && mayDecide) {
    actions.push(
      <Button
        key="reject"
        variant="outlined"
        disabled={busy}
        onClick={decision('reject')}
      >
        Reject
      </Button>,
    );
  }
  if (pending && isRequester) {
    actions.push(
      <Button
        key="withdraw"
        variant="outlined"
        disabled={busy}
        onClick={run(() => api.withdrawApprovalRequest(request.id))}
      >
        Withdraw
      </Button>,
    );
  }
  if (request.state === 'failed' && approve.allowed) {
    actions.push(
      <Button
        key="retry"
        color="primary"
        variant="contained"
        disabled={busy}
        onClick={run(() => api.retryApprovalRequest(request.id))}
      >
        Retry apply
      </Button>,
    );
  }

  return (
    <Box data-testid="approval-decision-panel">
      {pending && isRequester && (
        <Typography variant="body2" paragraph>
          This is your request: someone else approves it.
        </Typography>
      )}
      {pending && alreadyApproved && (
        <Typography variant="body2" paragraph>
          You approved this request; it waits for another approver.
        </Typography>
      )}
      {pending && mayDecide && (
        <TextField
          id="daemonset-approval-comment"
          label="Comment"
          helperText="Why you approve or reject; the requester sees it."
          fullWidth
          multiline
          minRows={2}
          value={comment}
          onChange={e => setComment(e.target.value)}
          margin="normal"
        />
      )}
      {actions.length > 0 ? (
        <Box display="flex" style={{ gap: 8 }}>
          {actions}
        </Box>
      ) : (
        !isRequester && (
          <Typography variant="body2" color="textSecondary">
            Nothing for you to decide here.
          </Typography>
        )
      )}
      {error && (
        <Box mt={2}>
          <WarningPanel
            severity="error"
            title="The backend refused this"
            message={error.message}
          />
        </Box>
      )}
    </Box>
  );
}
