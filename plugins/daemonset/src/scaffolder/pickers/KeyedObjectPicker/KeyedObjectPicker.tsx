import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import FormControl from '@material-ui/core/FormControl';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { WizardKeyedObject } from '@daemonsets/plugin-daemonset-common';
import { DaemonSetApi, daemonSetApiRef } from '../../../api';
import {
  chosenTarget,
  DaemonSetFieldContextOptions,
  errorMessage,
} from '../../formContext';

/**
 * What the Secret and ConfigMap pickers write on an object field: a key reference as env
 * `secretKeyRef` / `configMapKeyRef` take it. Other properties of the field (`optional`) are kept.
 *
 * @public
 */
export interface KeyReferenceValue {
  /** The Secret's or ConfigMap's name. */
  name?: string;
  /** The key within it. */
  key?: string;
  /** Other properties of the field, such as `optional`, kept as they are. */
  [other: string]: unknown;
}

/** The `ui:options` shared by the Secret and ConfigMap pickers. @public */
export interface KeyedObjectPickerUiOptions
  extends DaemonSetFieldContextOptions {
  /** Secrets only: list only Secrets of these types, e.g. `kubernetes.io/dockerconfigjson`. */
  secretTypes?: string[];
}

/** What one kind of keyed object needs from the picker. */
export interface KeyedObjectKind {
  kind: 'Secret' | 'ConfigMap';
  list(
    api: DaemonSetApi,
    cluster: string,
    namespace: string,
  ): Promise<WizardKeyedObject[]>;
}

type Props = FieldExtensionComponentProps<
  string | KeyReferenceValue,
  KeyedObjectPickerUiOptions
> & { objectKind: KeyedObjectKind };

/** The words for a name that is not in the namespace (yet). */
export function missingObjectText(
  kind: string,
  name: string,
  namespace: string,
): string {
  return `No ${kind} '${name}' in ${namespace} yet: create it before deploying (the deploy step does not create ${kind}s; pods that need a missing ${kind} do not start unless it is marked optional).`;
}

function describeObject(object: WizardKeyedObject): string {
  const keys =
    object.keys.length === 0
      ? 'no keys'
      : `${object.keys.length} key${object.keys.length === 1 ? '' : 's'}`;
  return object.type ? `${object.type}, ${keys}` : keys;
}

function withoutEmpty(value: KeyReferenceValue): KeyReferenceValue | undefined {
  const next = Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  );
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * A Secret or ConfigMap of the chosen namespace: on a string field its name, on an object field
 * `{ name, key }`. Names and key names only; values are never requested or shown.
 */
export function KeyedObjectPicker(props: Props) {
  const { objectKind, schema, uiSchema, formContext, formData, onChange } =
    props;
  const { kind } = objectKind;
  const options = uiSchema?.['ui:options'];
  const { cluster, namespace } = chosenTarget(formContext, options);
  const api = useApi(daemonSetApiRef);
  const listed = useAsync(
    async () =>
      cluster && namespace
        ? objectKind.list(api, cluster, namespace)
        : undefined,
    [api, cluster, namespace, objectKind],
  );
  const types = options?.secretTypes;
  const objects = useMemo(
    () =>
      (listed.value ?? []).filter(
        o => !types?.length || (o.type !== undefined && types.includes(o.type)),
      ),
    [listed.value, types],
  );
  const byName = useMemo(
    () => new Map(objects.map(o => [o.name, o])),
    [objects],
  );

  const isObjectField = schema.type === 'object';
  const reference: KeyReferenceValue =
    isObjectField && formData && typeof formData === 'object' ? formData : {};
  let name = reference.name ?? '';
  if (!isObjectField) name = typeof formData === 'string' ? formData : '';
  const key = reference.key ?? '';
  const chosen = name ? byName.get(name) : undefined;

  let nameHelp: string | undefined = isObjectField
    ? undefined
    : schema.description;
  if (!cluster || !namespace) {
    nameHelp = `Choose a cluster and a namespace first to list their ${kind}s; a name may be typed.`;
  } else if (listed.error) {
    nameHelp = `Could not list the ${kind}s of ${namespace}: ${errorMessage(
      listed.error,
    )}`;
  } else if (name && listed.value && !chosen) {
    nameHelp = missingObjectText(kind, name, namespace);
  } else if (chosen) {
    nameHelp = `${kind} ${chosen.name}: ${describeObject(chosen)}`;
  } else if (types?.length) {
    nameHelp = `${kind}s of type ${types.join(', ')}.`;
  }

  const setName = (next: string) => {
    if (!isObjectField) {
      onChange(next || undefined);
      return;
    }
    const target = byName.get(next);
    const keepKey = !target || target.keys.includes(key);
    onChange(
      withoutEmpty({
        ...reference,
        name: next,
        key: keepKey ? key : undefined,
      }),
    );
  };
  const setKey = (next: string) =>
    onChange(withoutEmpty({ ...reference, key: next }));

  const baseId = props.idSchema?.$id ?? `daemonset-${kind.toLowerCase()}`;
  const hasErrors = (props.rawErrors?.length ?? 0) > 0;
  const disabled = props.disabled || props.readonly;
  const nameInput = (
    <Autocomplete<string, false, false, true>
      id={isObjectField ? `${baseId}-name` : baseId}
      data-testid={`daemonset-${kind.toLowerCase()}-name-picker`}
      freeSolo
      openOnFocus
      disabled={disabled}
      options={objects.map(o => o.name)}
      loading={listed.loading}
      value={name || null}
      inputValue={name}
      onChange={(_e, next) => setName(next ?? '')}
      onInputChange={(_e, next) => {
        if (next !== name) setName(next);
      }}
      renderOption={option => (
        <div>
          <Typography variant="body1">{option}</Typography>
          <Typography variant="caption" color="textSecondary">
            {byName.get(option) ? describeObject(byName.get(option)!) : ''}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={
            isObjectField ? `${kind} name` : schema.title ?? `${kind} name`
          }
          required={props.required}
          margin="dense"
          variant="outlined"
          error={hasErrors}
          helperText={nameHelp}
        />
      )}
    />
  );
  if (!isObjectField) return nameInput;

  let keyHelp: string | undefined;
  if (chosen && key && !chosen.keys.includes(key)) {
    keyHelp = `${kind} ${chosen.name} has no key '${key}' (keys: ${
      chosen.keys.join(', ') || 'none'
    }).`;
  } else if (!name) {
    keyHelp = `Choose the ${kind} first to list its keys.`;
  }
  return (
    <FormControl
      component="fieldset"
      fullWidth
      data-testid={`daemonset-${kind.toLowerCase()}-key-reference`}
    >
      <FormLabel component="legend">{schema.title ?? `${kind} key`}</FormLabel>
      {schema.description && (
        <Typography variant="caption" color="textSecondary">
          {schema.description}
        </Typography>
      )}
      {nameInput}
      <Autocomplete<string, false, false, true>
        id={`${baseId}-key`}
        data-testid={`daemonset-${kind.toLowerCase()}-key-picker`}
        freeSolo
        openOnFocus
        disabled={disabled}
        options={chosen?.keys ?? []}
        value={key || null}
        inputValue={key}
        onChange={(_e, next) => setKey(next ?? '')}
        onInputChange={(_e, next) => {
          if (next !== key) setKey(next);
        }}
        renderInput={params => (
          <TextField
            {...params}
            label="Key"
            required={props.required}
            margin="dense"
            variant="outlined"
            error={hasErrors}
            helperText={keyHelp}
          />
        )}
      />
    </FormControl>
  );
}
