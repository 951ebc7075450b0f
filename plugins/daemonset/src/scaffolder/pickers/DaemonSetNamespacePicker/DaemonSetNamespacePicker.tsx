import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type {
  ApprovalPolicy,
  WizardNamespace,
} from '@daemonsets/plugin-daemonset-common';
import { daemonSetApiRef } from '../../../api';
import {
  chosenTarget,
  DaemonSetFieldContextOptions,
  errorMessage,
} from '../../formContext';

/**
 * The `ui:options` of the `DaemonSetNamespacePicker` field ({@link daemonSetNamespacePickerOptions}).
 *
 * @public
 */
export interface DaemonSetNamespacePickerUiOptions {
  /** The top-level form property holding the cluster name. Default `cluster`. */
  clusterField?: string;
}

/** What the approval policy says of a namespace, in the picker's words; undefined for allow. */
export function describeNamespacePolicy(
  policy: WizardNamespace['policy'],
): string | undefined {
  if (policy === 'requireApproval') return 'needs platform approval';
  if (policy === 'deny') return 'not allowed';
  return undefined;
}

/**
 * The policy decision for a namespace: the cluster's answer for a listed namespace, else the
 * approval policy's `protectedNamespaces` rule (a new name may be protected too).
 */
export function namespacePolicy(
  name: string,
  listed: WizardNamespace[] | undefined,
  policy: ApprovalPolicy | undefined,
): WizardNamespace['policy'] {
  const found = listed?.find(n => n.name === name);
  if (found) return found.policy;
  if (policy?.protectedNamespaces.namespaces.includes(name)) {
    return policy.protectedNamespaces.decision;
  }
  return 'allow';
}

/** The wording of a namespace that does not exist yet, true to what the deploy step does. */
export function newNamespaceText(cluster: string): string {
  return `New namespace: it does not exist on ${cluster} yet, and the deploy step (daemonset:apply) does not create namespaces; a cluster admin must create it before deploying, or the deploy step fails.`;
}

/**
 * The namespace of the DaemonSet wizard (`ui:field: DaemonSetNamespacePicker`, a string field):
 * the namespaces of the chosen cluster, each marked with the approval policy's decision. A name
 * that does not exist yet may be typed.
 *
 * @public
 */
export function DaemonSetNamespacePicker(
  props: FieldExtensionComponentProps<
    string,
    DaemonSetNamespacePickerUiOptions
  >,
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
    uiSchema,
    formContext,
  } = props;
  const options = uiSchema?.['ui:options'] as
    | DaemonSetFieldContextOptions
    | undefined;
  const { cluster } = chosenTarget(formContext, options);
  const api = useApi(daemonSetApiRef);
  const namespaces = useAsync(
    async () => (cluster ? api.listNamespaces(cluster) : undefined),
    [api, cluster],
  );
  const policy = useAsync(() => api.getApprovalPolicy(), [api]);

  const names = useMemo(
    () => (namespaces.value ?? []).map(n => n.name),
    [namespaces.value],
  );
  const value = formData ?? '';
  const decision = value
    ? namespacePolicy(value, namespaces.value, policy.value)
    : 'allow';

  let helperText: string | undefined = schema.description;
  if (!cluster) {
    helperText = 'Choose a cluster first to list its namespaces.';
  } else if (namespaces.error) {
    helperText = `Could not list the namespaces of ${cluster}: ${errorMessage(
      namespaces.error,
    )}`;
  } else if (value && namespaces.value) {
    const policyText = describeNamespacePolicy(decision);
    helperText = [
      names.includes(value) ? 'Existing namespace.' : newNamespaceText(cluster),
      policyText ? `Protected namespace: ${policyText}.` : '',
    ]
      .filter(Boolean)
      .join(' ');
  }

  return (
    <Autocomplete<string, false, boolean, true>
      id={idSchema?.$id ?? 'daemonset-namespace-picker'}
      data-testid="daemonset-namespace-picker"
      freeSolo
      options={names}
      value={value || null}
      inputValue={value}
      loading={namespaces.loading}
      disabled={disabled || readonly}
      openOnFocus
      onChange={(_event, next) => onChange(next ?? undefined)}
      onInputChange={(_event, next, reason) => {
        if (reason !== 'reset' || next !== value) onChange(next || undefined);
      }}
      renderOption={name => {
        const text = describeNamespacePolicy(
          namespacePolicy(name, namespaces.value, policy.value),
        );
        return (
          <div>
            <Typography variant="body1">{name}</Typography>
            {text && (
              <Typography variant="caption" color="textSecondary">
                {text}
              </Typography>
            )}
          </div>
        );
      }}
      renderInput={params => (
        <TextField
          {...params}
          label={schema.title ?? 'Namespace'}
          required={required}
          margin="dense"
          variant="outlined"
          error={(rawErrors?.length ?? 0) > 0 || decision === 'deny'}
          helperText={helperText}
        />
      )}
    />
  );
}
