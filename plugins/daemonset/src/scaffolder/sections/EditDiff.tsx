import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import Typography from '@material-ui/core/Typography';
import { Progress } from '@backstage/core-components';
import { daemonSetEntityName } from '@daemonsets/plugin-daemonset-common';
import { DiffLines } from '../../components/Lifecycle/DiffLines';
import { useLifecycleClient } from '../../components/Lifecycle/lifecycleClient';
import { editDiff } from './editDiffLines';

/** Props of {@link EditDiff}. */
export interface EditDiffProps {
  cluster: string;
  namespace: string;
  name: string;
  /** The manifests the edit generates. */
  manifest: string;
}

/**
 * On an edit (the form holds a `baseRevision`), what the edit changes in the running
 * DaemonSet's pod template: − now, + after Create.
 */
export function EditDiff(props: EditDiffProps) {
  const { cluster, namespace, name, manifest } = props;
  const client = useLifecycleClient({
    kind: 'component',
    namespace: 'default',
    name: daemonSetEntityName({ cluster, namespace, name }),
  });
  const state = useAsync(() => client.state(), [client]);
  const lines = useMemo(
    () => (state.value ? editDiff(manifest, state.value.template) : undefined),
    [manifest, state.value],
  );

  if (state.loading) return <Progress />;
  if (state.error || !lines) {
    return (
      <Typography variant="body2" role="alert" data-testid="edit-diff-error">
        What runs now could not be read ({state.error?.message}); the edit is
        checked against it when you press Create.
      </Typography>
    );
  }
  if (lines.every(line => line.kind === 'same')) {
    return (
      <Typography variant="body2" data-testid="edit-diff-none">
        The edit changes nothing in the pod template that runs now.
      </Typography>
    );
  }
  return (
    <>
      <Typography variant="body2" color="textSecondary" paragraph>
        The pod template compared with what runs now (− now, + after Create).
      </Typography>
      <DiffLines lines={lines} testId="edit-diff" />
    </>
  );
}
