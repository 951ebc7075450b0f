import { useEffect, useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { WizardCluster } from '@daemonsets/plugin-daemonset-common';
import { daemonSetApiRef } from '../../../api';
import { errorMessage } from '../../formContext';

/**
 * The `ui:options` of the `DaemonSetClusterPicker` field ({@link daemonSetClusterPickerOptions}):
 * none so far.
 *
 * @public
 */
export interface DaemonSetClusterPickerUiOptions {}

/** The connection state of a cluster in words, as the picker shows it. */
export function describeConnection(cluster: WizardCluster): string {
  switch (cluster.connection.state) {
    case 'connected':
      return 'connected';
    case 'failed':
      return `unreachable: ${cluster.connection.message ?? 'no reason given'}`;
    default:
      return 'connection not checked yet';
  }
}

/**
 * The cluster of the DaemonSet wizard (`ui:field: DaemonSetClusterPicker`, a string field):
 * the clusters configured in the portal with their connection state. A single configured
 * cluster is chosen when the field is empty.
 *
 * @public
 */
export function DaemonSetClusterPicker(
  props: FieldExtensionComponentProps<string, DaemonSetClusterPickerUiOptions>,
) {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    disabled,
    readonly,
    idSchema,
  } = props;
  const api = useApi(daemonSetApiRef);
  const {
    value: clusters,
    loading,
    error,
  } = useAsync(() => api.listWizardClusters(), [api]);

  const byName = useMemo(
    () => new Map((clusters ?? []).map(c => [c.name, c])),
    [clusters],
  );

  useEffect(() => {
    if (!formData && clusters?.length === 1) {
      onChange(clusters[0].name);
    }
  }, [clusters, formData, onChange]);

  // A value that is not configured (a template default, a URL parameter) stays visible, marked.
  const options = useMemo(() => {
    const names = (clusters ?? []).map(c => c.name);
    return formData && !byName.has(formData) ? [...names, formData] : names;
  }, [clusters, byName, formData]);

  const selected = formData ? byName.get(formData) : undefined;
  let helperText: string | undefined = schema.description;
  if (error) {
    helperText = `Could not list the clusters: ${errorMessage(
      error,
    )}. Type a cluster name.`;
  } else if (selected) {
    helperText = `${selected.title ?? selected.name}: ${describeConnection(
      selected,
    )}`;
  } else if (formData && clusters) {
    helperText = `'${formData}' is not configured in the portal`;
  }
  const id = idSchema?.$id ?? 'daemonset-cluster-picker';

  return (
    <Autocomplete<string, false, boolean, boolean>
      id={id}
      data-testid="daemonset-cluster-picker"
      options={options}
      value={formData ?? null}
      loading={loading}
      freeSolo={Boolean(error)}
      disabled={disabled || readonly}
      disableClearable={required}
      openOnFocus
      autoSelect={Boolean(error)}
      onChange={(_event, value) => onChange(value ?? undefined)}
      getOptionLabel={name => {
        const cluster = byName.get(name);
        return cluster?.title ? `${cluster.title} (${name})` : name;
      }}
      renderOption={name => {
        const cluster = byName.get(name);
        return (
          <div>
            <Typography variant="body1">
              {cluster?.title ? `${cluster.title} (${name})` : name}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {cluster
                ? describeConnection(cluster)
                : 'not configured in the portal'}
            </Typography>
          </div>
        );
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Cluster'}
          required={required}
          margin="dense"
          variant="outlined"
          error={(rawErrors?.length ?? 0) > 0 || Boolean(error)}
          helperText={helperText}
        />
      )}
    />
  );
}
