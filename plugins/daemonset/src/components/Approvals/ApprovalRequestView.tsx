import {
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
  StructuredMetadataTable,
  WarningPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ApprovalRequest } from '@daemonsets/plugin-daemonset-common';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';
import { formatDateTime } from '../shared/format';
import { ApprovalStateChip } from './ApprovalStateChip';
import { DecisionPanel } from './DecisionPanel';
import { LiveDiffView } from './LiveDiffView';
import { ManifestView } from './ManifestView';

function Summary(props: { request: ApprovalRequest }) {
  const r = props.request;
  const approvals = r.decisions.filter(d => d.decision === 'approve').length;
  return (
    <StructuredMetadataTable
      metadata={{
        state: <ApprovalStateChip state={r.state} />,
        requester: r.requester,
        cluster: r.cluster,
        DaemonSet: `${r.namespace}/${r.name}`,
        ...(r.entityRef ? { entity: r.entityRef } : {}),
        approvals: `${approvals} of ${r.requiredApprovals} needed`,
        requested: formatDateTime(r.createdAt),
        expires: formatDateTime(r.expiresAt),
        ...(r.appliedAt ? { applied: formatDateTime(r.appliedAt) } : {}),
        'SHA-256': r.sha256,
        ...(r.supersededBy
          ? {
              'superseded by': (
                <Link to={`../${encodeURIComponent(r.supersededBy)}`}>
                  {r.supersededBy}
                </Link>
              ),
            }
          : {}),
      }}
    />
  );
}

function Decisions(props: { request: ApprovalRequest }) {
  if (props.request.decisions.length === 0) {
    return <Typography variant="body2">No decisions yet.</Typography>;
  }
  return (
    <List dense data-testid="approval-decisions">
      {props.request.decisions.map(d => (
        <ListItem key={`${d.by}-${d.at}`}>
          <ListItemText
            primary={`${
              d.decision === 'approve' ? 'Approved' : 'Rejected'
            } by ${d.by}`}
            secondary={`${formatDateTime(d.at)}${
              d.comment ? ` — ${d.comment}` : ''
            }`}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** One approval request: what it asks for, why it needs approval, and what to do with it. */
export function ApprovalRequestView() {
  const { id = '' } = useParams();
  const api = useApi(daemonSetApiRef);
  const loaded = useAsync(() => api.getApprovalRequest(id), [api, id]);
  const [request, setRequest] = useState<ApprovalRequest>();
  useEffect(() => setRequest(loaded.value), [loaded.value]);

  if (loaded.loading) return <Progress />;
  if (loaded.error) return <ResponseErrorPanel error={loaded.error} />;
  if (!request) return null;
  return (
    <Grid container spacing={2} data-testid="approval-request">
      {request.error && (
        <Grid item xs={12}>
          <WarningPanel
            severity="error"
            title={`The request ${
              request.state === 'failed' ? 'failed' : 'was refused'
            }`}
            message={request.error}
            defaultExpanded
          />
        </Grid>
      )}
      <Grid item xs={12} md={6}>
        <InfoCard
          title={`${request.namespace}/${request.name} on ${request.cluster}`}
        >
          <Summary request={request} />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Why it needs approval">
          <List dense data-testid="approval-reasons">
            {request.reasons.map(reason => (
              <ListItem key={reason}>
                <ListItemText primary={reason} />
              </ListItem>
            ))}
          </List>
        </InfoCard>
        <InfoCard title="Decision">
          <Decisions request={request} />
          <DecisionPanel request={request} onChange={setRequest} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Manifests to apply">
          <ManifestView manifest={request.manifest} />
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard title="Compared with what runs now">
          <LiveDiffView id={request.id} manifest={request.manifest} />
        </InfoCard>
      </Grid>
    </Grid>
  );
}
