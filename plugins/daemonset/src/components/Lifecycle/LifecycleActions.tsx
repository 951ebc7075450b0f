import { lazy, Suspense, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  DaemonSetChangeOutcome,
  formatFieldPath,
} from '@daemonsets/plugin-daemonset-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { approvalRequestPath } from '../Approvals/paths';
import { useOnDecommissioned } from './decommissionNotice';
import { editLink } from './editLink';
import { useLifecycleClient } from './lifecycleClient';

// Loaded when first opened: not needed to show the tab (the rollback's diff brings `yaml`).
const RollbackDialog = lazy(() =>
  import('./RollbackDialog').then(m => ({ default: m.RollbackDialog })),
);
const DecommissionDialog = lazy(() =>
  import('./DecommissionDialog').then(m => ({ default: m.DecommissionDialog })),
);

/** Props of {@link DaemonSetLifecycleActions}. @public */
export interface DaemonSetLifecycleActionsProps {
  /** The DaemonSet the actions act on; they show only for the entity's one DaemonSet. */
  cluster: string;
  namespace: string;
  name: string;
  /** The template's path in the app; `/create/templates/default/daemonset` by default. */
  templatePath?: string;
}

// Only a rollback's outcome is shown here; a decommission's is shown by the tab (decommissionNotice).

function OutcomeText({ outcome: v }: { outcome: DaemonSetChangeOutcome }) {
  if (v.outcome === 'approvalRequired') {
    return (
      <>
        The rollback to revision {v.revision} waits for approval (
        {v.reasons.join('; ')}); nothing changes until it is approved:{' '}
        <Link to={approvalRequestPath(v.requestId)}>approval request</Link>.
      </>
    );
  }
  return <>Rolling back to revision {v.revision}: the rollout shows above.</>;
}

/**
 * Edit, Roll back and Decommission for the entity's DaemonSet, in the tab header: Edit opens
 * the template pre-filled with what runs; the others open their dialogs.
 *
 * @public
 */
export function DaemonSetLifecycleActions(
  props: DaemonSetLifecycleActionsProps,
) {
  const { entity } = useEntity();
  const client = useLifecycleClient(getCompoundEntityRef(entity));
  const state = useAsyncRetry(() => client.state(), [client]);
  const [dialog, setDialog] = useState<'rollback' | 'decommission'>();
  const [outcome, setOutcome] = useState<DaemonSetChangeOutcome>();
  const onDecommissioned = useOnDecommissioned();

  const value = state.value;
  const matches =
    value &&
    value.cluster === props.cluster &&
    value.namespace === props.namespace &&
    value.name === props.name;
  if (!matches) {
    return null;
  }
  const close = (refresh: boolean) => {
    setDialog(undefined);
    if (refresh) state.retry();
  };
  /** A dialog's onClose: hands a result to `take`, closes, and refreshes when there was one. */
  const closeTaking =
    <T,>(take: (result: T) => void) =>
    (result?: T) => {
      if (result) take(result);
      close(result !== undefined);
    };

  return (
    <Box data-testid="lifecycle-actions">
      <Button
        size="small"
        variant="outlined"
        href={editLink(value, props.templatePath)}
        data-testid="lifecycle-edit"
      >
        Edit
      </Button>{' '}
      <Button
        size="small"
        variant="outlined"
        disabled={value.revisions.length < 2}
        onClick={() => setDialog('rollback')}
        data-testid="lifecycle-rollback"
      >
        Roll back
      </Button>{' '}
      <Button
        size="small"
        variant="outlined"
        color="secondary"
        onClick={() => setDialog('decommission')}
        data-testid="lifecycle-decommission"
      >
        Decommission
      </Button>
      {value.keptFields.length > 0 && (
        <Typography
          variant="caption"
          display="block"
          data-testid="lifecycle-kept-fields"
        >
          Kept by an edit, not shown in the wizard:{' '}
          {value.keptFields
            .map(f => `${f.object} ${formatFieldPath(f.path)}`)
            .join(', ')}
        </Typography>
      )}
      {outcome && (
        <Typography
          variant="body2"
          display="block"
          data-testid="lifecycle-outcome"
        >
          <OutcomeText outcome={outcome} />
        </Typography>
      )}
      <Suspense fallback={null}>
        {dialog === 'rollback' && (
          <RollbackDialog
            state={value}
            client={client}
            onClose={closeTaking(setOutcome)}
          />
        )}
        {dialog === 'decommission' && (
          <DecommissionDialog
            state={value}
            client={client}
            onClose={closeTaking(onDecommissioned)}
          />
        )}
      </Suspense>
    </Box>
  );
}
