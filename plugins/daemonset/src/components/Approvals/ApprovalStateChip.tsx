import Chip from '@material-ui/core/Chip';
import { ApprovalState } from '@daemonsets/plugin-daemonset-common';

const colors: Record<ApprovalState, string> = {
  pending: '#ed6c02',
  approved: '#0288d1',
  applying: '#0288d1',
  applied: '#2e7d32',
  failed: '#d32f2f',
  rejected: '#d32f2f',
  withdrawn: '#757575',
  expired: '#757575',
  superseded: '#757575',
};

/** The state of an approval request, coloured by how it ended (or that it has not). */
export function ApprovalStateChip(props: { state: ApprovalState }) {
  return (
    <Chip
      size="small"
      label={props.state}
      data-testid="approval-state"
      style={{ backgroundColor: colors[props.state], color: '#fff' }}
    />
  );
}
