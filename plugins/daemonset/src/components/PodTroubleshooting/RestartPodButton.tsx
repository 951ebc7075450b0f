import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { DaemonSetApi, DaemonSetEntityRef, PodLocator } from '../../api';

/** Props of {@link RestartPodButton}. @public */
export interface RestartPodButtonProps {
  api: DaemonSetApi;
  entityRef: DaemonSetEntityRef;
  pod: PodLocator;
  /** The node the pod runs on, named in the confirmation. */
  node: string;
  /**
   * Receives the outcome instead of the button showing it, for a parent that outlives the pod
   * (the pod's panels unmount while its replacement is created).
   */
  onOutcome?: (outcome: RestartPodOutcome) => void;
}

/** What a restart came to, as told to the user. @public */
export interface RestartPodOutcome {
  ok: boolean;
  text: string;
}

/** The outcome of a restart as a live status line. */
export const RestartPodOutcomeLine = ({
  outcome,
}: {
  outcome: RestartPodOutcome;
}) => (
  <Typography
    variant="body2"
    role="status"
    color={outcome.ok ? 'textPrimary' : 'error'}
  >
    {outcome.text}
  </Typography>
);

/**
 * Restarts the pod (deletes it; its DaemonSet creates a replacement, which the live row then
 * shows) after a confirmation naming the pod and the node.
 *
 * @public
 */
export const RestartPodButton = ({
  api,
  entityRef,
  pod,
  node,
  onOutcome,
}: RestartPodButtonProps) => {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [ownOutcome, setOwnOutcome] = useState<RestartPodOutcome>();
  const setOutcome = onOutcome ?? setOwnOutcome;

  const restart = async () => {
    setBusy(true);
    try {
      await api.restartPod!(entityRef, pod);
      setOutcome({
        ok: true,
        text: `Pod ${pod.name} deleted; the DaemonSet creates its replacement on ${node}.`,
      });
    } catch (e) {
      setOutcome({
        ok: false,
        text: `Restart failed: ${(e as Error).message}`,
      });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color="secondary"
        onClick={() => setOpen(true)}
      >
        Restart pod
      </Button>
      {ownOutcome && <RestartPodOutcomeLine outcome={ownOutcome} />}
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        aria-labelledby="restart-pod-title"
      >
        <DialogTitle id="restart-pod-title">
          Restart pod {pod.name}?
        </DialogTitle>
        <DialogContent>
          <DialogContentText>
            Pod {pod.name} on node {node} (cluster {pod.cluster}) will be
            deleted; its DaemonSet then creates a new pod on the same node.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            onClick={restart}
            color="secondary"
            variant="contained"
            disabled={busy}
          >
            Restart
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
