import { useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { ResponseErrorPanel } from '@backstage/core-components';
import {
  DaemonSetChangeOutcome,
  DaemonSetLifecycleState,
} from '@daemonsets/plugin-daemonset-common';
import { formatDateTime } from '../shared/format';
import { DiffLines } from './DiffLines';
import { LifecycleClient } from './lifecycleClient';
import { templateDiff } from './templateDiff';

/**
 * Rolls back to an earlier revision: the revisions with their images and age, the change as a
 * diff against what runs, then the same policy and approval as an edit.
 */
export function RollbackDialog(props: {
  state: DaemonSetLifecycleState;
  client: LifecycleClient;
  onClose(outcome?: DaemonSetChangeOutcome): void;
}) {
  const { state, client, onClose } = props;
  const earlier = state.revisions.filter(r => !r.current);
  const [selected, setSelected] = useState(earlier[0]?.revision);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const target = state.revisions.find(r => r.revision === selected);

  const submit = async () => {
    if (selected === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      onClose(
        await client.rollback({
          revision: selected,
          baseRevision: state.baseRevision,
        }),
      );
    } catch (e) {
      setError(e as Error);
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={() => onClose()} maxWidth="md" fullWidth>
      <DialogTitle>
        Roll back {state.namespace}/{state.name} in {state.cluster}
      </DialogTitle>
      <DialogContent>
        {earlier.length === 0 ? (
          <Typography variant="body2">
            There is no earlier revision to roll back to.
          </Typography>
        ) : (
          <>
            <List dense data-testid="lifecycle-revisions">
              {state.revisions.map(r => (
                <ListItem
                  key={r.revision}
                  button
                  disabled={r.current}
                  selected={r.revision === selected}
                  onClick={() => setSelected(r.revision)}
                  data-testid={`lifecycle-revision-${r.revision}`}
                >
                  <ListItemText
                    primary={`Revision ${r.revision}${
                      r.current ? ' (runs now)' : ''
                    }: ${r.images.join(', ')}`}
                    secondary={
                      r.createdAt
                        ? `Recorded ${formatDateTime(r.createdAt)}`
                        : undefined
                    }
                  />
                </ListItem>
              ))}
            </List>
            {target && (
              <>
                <Typography variant="subtitle2">
                  Pod template: now (−) → revision {target.revision} (+)
                </Typography>
                <DiffLines
                  lines={templateDiff(state.template, target.template)}
                  testId="lifecycle-rollback-diff"
                />
              </>
            )}
            <Typography variant="body2" color="textSecondary">
              The rollback goes through the platform policy: a change it holds
              for approval is filed as an approval request and changes nothing
              until approved.
            </Typography>
          </>
        )}
        {error && <ResponseErrorPanel error={error} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => onClose()}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || selected === undefined}
          onClick={submit}
          data-testid="lifecycle-rollback-submit"
        >
          Roll back to revision {selected ?? ''}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
