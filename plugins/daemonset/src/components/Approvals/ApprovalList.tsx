import { useState } from 'react';
import { Box, MenuItem, TextField } from '@material-ui/core';
import {
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  APPROVAL_STATES,
  ApprovalRequest,
  ApprovalState,
} from '@daemonsets/plugin-daemonset-common';
import useAsync from 'react-use/esm/useAsync';
import { daemonSetApiRef } from '../../api';
import { formatDateTime } from '../shared/format';
import { ApprovalStateChip } from './ApprovalStateChip';

/** Pending requests first (they wait for someone), then the backend's newest-first order. */
export function pendingFirst(items: ApprovalRequest[]): ApprovalRequest[] {
  return [
    ...items.filter(r => r.state === 'pending'),
    ...items.filter(r => r.state !== 'pending'),
  ];
}

const columns: TableColumn<ApprovalRequest>[] = [
  {
    title: 'DaemonSet',
    render: r => (
      <Link to={encodeURIComponent(r.id)}>{`${r.namespace}/${r.name}`}</Link>
    ),
  },
  { title: 'Cluster', field: 'cluster' },
  { title: 'Requester', field: 'requester' },
  { title: 'State', render: r => <ApprovalStateChip state={r.state} /> },
  {
    title: 'Approvals',
    render: r =>
      `${r.decisions.filter(d => d.decision === 'approve').length}/${
        r.requiredApprovals
      }`,
  },
  { title: 'Requested', render: r => formatDateTime(r.createdAt) },
];

/** The approval requests the user may read, filtered by state and cluster. */
export function ApprovalList() {
  const api = useApi(daemonSetApiRef);
  const [state, setState] = useState<ApprovalState | ''>('');
  const [cluster, setCluster] = useState('');
  const clusters = useAsync(() => api.listClusters().catch(() => []), [api]);
  const requests = useAsync(
    () =>
      api.listApprovalRequests({
        state: state || undefined,
        cluster: cluster || undefined,
      }),
    [api, state, cluster],
  );

  return (
    <>
      <Box display="flex" mb={2} style={{ gap: 16 }}>
        <TextField
          select
          id="daemonset-approvals-state"
          label="State"
          value={state}
          onChange={e => setState(e.target.value as ApprovalState | '')}
          style={{ minWidth: 160 }}
        >
          <MenuItem value="">All</MenuItem>
          {APPROVAL_STATES.map(s => (
            <MenuItem key={s} value={s}>
              {s}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          select
          id="daemonset-approvals-cluster"
          label="Cluster"
          value={cluster}
          onChange={e => setCluster(e.target.value)}
          style={{ minWidth: 160 }}
        >
          <MenuItem value="">All</MenuItem>
          {(clusters.value ?? []).map(c => (
            <MenuItem key={c.name} value={c.name}>
              {c.title ?? c.name}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {requests.error ? (
        <ResponseErrorPanel error={requests.error} />
      ) : (
        <Table<ApprovalRequest>
          title="Approval requests"
          isLoading={requests.loading}
          columns={columns}
          data={pendingFirst(requests.value ?? [])}
          options={{ paging: false, search: false, padding: 'dense' }}
          emptyContent={
            <Box p={2}>No approval requests match these filters.</Box>
          }
        />
      )}
    </>
  );
}
