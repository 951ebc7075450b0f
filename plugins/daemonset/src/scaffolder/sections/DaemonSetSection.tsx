import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import type { UiSchema } from '@rjsf/utils';
import Box from '@material-ui/core/Box';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Switch from '@material-ui/core/Switch';
import { makeStyles } from '@material-ui/core/styles';
import { ClearTask, enqueueClear } from './clearQueue';
import { isUntouchedSection } from './isEmptySection';
import {
  isInsideArrayItem,
  isOffValue,
  offValueFor,
  withoutUndefinedItemKeys,
} from './offValue';
import { DaemonSetSectionOptions, SECTION_OPTION_KEYS } from './options';

const useStyles = makeStyles(theme => ({
  section: {
    borderLeft: `2px solid ${theme.palette.divider}`,
    paddingLeft: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
}));

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Props of {@link DaemonSetSection}. */
export type DaemonSetSectionProps = FieldExtensionComponentProps<
  unknown,
  DaemonSetSectionOptions
>;

/**
 * Renders an object or array property with rjsf's own field for its schema. With
 * `ui:options.optional` it sits behind a switch that is off until turned on (or until the
 * value holds something the user chose); off renders nothing and sends nothing: `undefined`
 * at the top level of the form, an empty value inside array items (see `offValue.ts`), so an
 * untouched section never reaches the generator.
 */
export const DaemonSetSection = (props: DaemonSetSectionProps) => {
  const { uiSchema, schema, formData, onChange, registry, idSchema } = props;
  const classes = useStyles();
  const options = (uiSchema?.['ui:options'] ?? {}) as DaemonSetSectionOptions;
  const optional = options.optional === true;

  const defaults = useMemo(
    () => registry.schemaUtils.getDefaultFormState(schema, undefined),
    [registry, schema],
  );
  const offValue = useMemo(
    () =>
      offValueFor(
        schema as Record<string, unknown>,
        isInsideArrayItem(idSchema.$id, props.idPrefix, props.idSeparator),
        defaults,
      ),
    [schema, defaults, idSchema.$id, props.idPrefix, props.idSeparator],
  );
  const [on, setOn] = useState(
    () => !optional || !isUntouchedSection(formData, defaults),
  );
  const remembered = useRef<unknown>(undefined);

  // Off sends nothing: clear what the form's defaults put here, one section at a time.
  const latest = useRef({
    optional,
    on,
    formData,
    onChange,
    offValue,
    mounted: true,
  });
  latest.current = {
    ...latest.current,
    optional,
    on,
    formData,
    onChange,
    offValue,
  };
  const clearTask = useMemo<ClearTask>(
    () => ({
      run: () => {
        const current = latest.current;
        if (
          !current.mounted ||
          !current.optional ||
          current.on ||
          isOffValue(current.formData, current.offValue)
        ) {
          return false;
        }
        current.onChange(current.offValue);
        return true;
      },
    }),
    [],
  );
  useEffect(
    () => () => {
      latest.current.mounted = false;
    },
    [],
  );
  const isOff = isOffValue(formData, offValue);
  useEffect(() => {
    if (optional && !on && !isOff) {
      return enqueueClear(clearTask);
    }
    return undefined;
  }, [optional, on, isOff, formData, clearTask]);

  const toggle = useCallback(
    (checked: boolean) => {
      setOn(checked);
      if (!checked) {
        remembered.current = formData;
        onChange(offValue);
        return;
      }
      let initial = remembered.current ?? defaults;
      // An empty list of objects starts with one item, ready to fill in.
      if (
        (initial === undefined || Array.isArray(initial)) &&
        (initial === undefined || initial.length === 0) &&
        isPlainObject(schema.items)
      ) {
        const item = registry.schemaUtils.getDefaultFormState(
          schema.items,
          undefined,
        );
        initial = [item ?? {}];
      }
      onChange(initial ?? (isPlainObject(schema.properties) ? {} : undefined));
    },
    [defaults, formData, onChange, offValue, registry, schema],
  );

  // rjsf sets a cleared field to undefined; inside array items such keys break the Stepper.
  const handleChange = useCallback(
    (value: unknown, errorSchema?: unknown, id?: string) =>
      onChange(withoutUndefinedItemKeys(value), errorSchema as any, id),
    [onChange],
  );

  const { SchemaField } = registry.fields;
  const innerUiSchema = useMemo((): UiSchema => {
    const { 'ui:field': _field, ...rest } = uiSchema ?? {};
    const innerOptions: Record<string, any> = {
      ...(isPlainObject(rest['ui:options']) ? rest['ui:options'] : {}),
    };
    for (const key of SECTION_OPTION_KEYS) {
      delete innerOptions[key];
    }
    if (optional) {
      // The switch shows the title and description.
      innerOptions.label = false;
    }
    return { ...rest, 'ui:options': innerOptions };
  }, [uiSchema, optional]);

  const section = (
    <SchemaField
      {...props}
      name={props.name}
      schema={schema}
      uiSchema={innerUiSchema}
      idSchema={idSchema}
      formData={formData}
      errorSchema={props.errorSchema}
      onChange={handleChange}
      onBlur={props.onBlur}
      onFocus={props.onFocus}
      registry={registry}
      required={props.required}
      disabled={props.disabled}
      readonly={props.readonly}
    />
  );

  if (!optional) {
    return section;
  }

  const title = String(
    (uiSchema?.['ui:title'] as string | undefined) ??
      schema.title ??
      props.name,
  );
  const description =
    (uiSchema?.['ui:description'] as string | undefined) ?? schema.description;
  const helpId = `${idSchema.$id}__section-help`;
  return (
    <Box>
      <Box display="flex" alignItems="center" flexWrap="wrap">
        <FormControlLabel
          label={title}
          control={
            <Switch
              color="primary"
              checked={on}
              disabled={props.disabled || props.readonly}
              onChange={(_event, checked) => toggle(checked)}
              inputProps={{
                role: 'switch',
                'aria-describedby': description ? helpId : undefined,
              }}
            />
          }
        />
        {description && (
          <FormHelperText id={helpId} style={{ marginTop: 0 }}>
            {description}
          </FormHelperText>
        )}
      </Box>
      {on && <div className={classes.section}>{section}</div>}
    </Box>
  );
};
