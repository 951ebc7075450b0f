import { ComponentType, useState } from 'react';
import { render, RenderResult } from '@testing-library/react';
import { TestApiProvider } from '@backstage/test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { daemonSetApiRef } from '../../api';
import { FakeDaemonSetApi } from '../../__testUtils__/fixtures';

/** Options of {@link renderField}. */
export interface RenderFieldOptions {
  api: FakeDaemonSetApi;
  /** The field's own property name in the form. */
  name?: string;
  /** The field's JSON schema. Default `{ type: 'string' }`. */
  schema?: Record<string, unknown>;
  uiOptions?: Record<string, unknown>;
  /** The field's initial value. */
  value?: unknown;
  /** The rest of the form (cluster, namespace, ...). */
  form?: Record<string, unknown>;
  required?: boolean;
}

/**
 * Renders a field extension as the scaffolder does: with its value, `onChange`, and the whole
 * form's data in `formContext.formData`; the value is kept in state so typing works.
 */
export function renderField(
  Field: ComponentType<FieldExtensionComponentProps<any, any>>,
  options: RenderFieldOptions,
): RenderResult & {
  onChange: jest.Mock;
  setForm(form: Record<string, unknown>): void;
} {
  const onChange = jest.fn();
  const name = options.name ?? 'field';
  let setForm: (form: Record<string, unknown>) => void = () => {};

  function Harness() {
    const [value, setValue] = useState<unknown>(options.value);
    const [form, setFormState] = useState(options.form ?? {});
    setForm = setFormState;
    const props = {
      name,
      schema: { type: 'string', ...options.schema },
      uiSchema: options.uiOptions ? { 'ui:options': options.uiOptions } : {},
      idSchema: { $id: `root_${name}` },
      formData: value,
      formContext: { formData: { ...form, [name]: value } },
      onChange: (next: unknown) => {
        onChange(next);
        setValue(next);
      },
      onBlur: jest.fn(),
      onFocus: jest.fn(),
      rawErrors: [],
      required: options.required ?? false,
      disabled: false,
      readonly: false,
      registry: {},
    } as unknown as FieldExtensionComponentProps<any, any>;
    return <Field {...props} />;
  }

  const result = render(
    <TestApiProvider apis={[[daemonSetApiRef, options.api]]}>
      <Harness />
    </TestApiProvider>,
  );
  return {
    ...result,
    onChange,
    /** Replaces the rest of the form, as if another field changed. */
    setForm: (form: Record<string, unknown>) => setForm(form),
  };
}
