import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ResponseErrorPanel } from '@backstage/core-components';
import {
  DaemonSetDecommissionOutcome,
  DaemonSetLifecycleState,
} from '@daemonsets/plugin-daemonset-common';
import { LifecycleClient } from './lifecycleClient';

/**
 * Deletes the DaemonSet and its Services after the user types its name; the dialog names the
 * cluster, the namespace and how many nodes lose their pod.
 */
export function DecommissionDialog(props: {
  state: DaemonSetLifecycleState;
  client: LifecycleClient;
  onClose(outcome?: DaemonSetDecommissionOutcome): void;
}) {
  const { state, client, onClose } = props;
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onClose(
        await client.decommission({
          confirm: typed,
          baseRevision: state.baseRevision,
        }),
      );
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  const nodes = `${state.nodeCount} node${state.nodeCount === 1 ? '' : 's'}`;
  return (
    <Dialog open onClose={() => onClose()} maxWidth="sm" fullWidth>
      <DialogTitle>Decommission {state.name}</DialogTitle>
      <DialogContent>
        <Typography
          variant="body1"
          paragraph
          data-testid="lifecycle-decommission-summary"
        >
          This deletes DaemonSet <b>{state.name}</b> in namespace{' '}
          <b>{state.namespace}</b> of cluster <b>{state.cluster}</b>: its pods
          stop on {nodes}.
          {state.services.length > 0 &&
            ` Its Services go too: ${state.services.join(', ')}.`}{' '}
          The catalog entity is removed once the DaemonSet is gone.
        </Typography>
        <TextField
          fullWidth
          label={`Type ${state.name} to confirm`}
          value={typed}
          onChange={e => setTyped(e.target.value)}
          inputProps={{ 'data-testid': 'lifecycle-decommission-confirm' }}
        />
        {error && <ResponseErrorPanel error={error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={busy || typed !== state.name}
          onClick={submit}
          data-testid="lifecycle-decommission-submit"
        >
          Delete DaemonSet and Services
        </Button>
      </DialogActions>
    </Dialog>
  );
}
