import { useState } from 'react';
import { Form } from '@backstage/plugin-scaffolder-react/alpha';
import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import { DaemonSetReview } from '../DaemonSetReview';
import { DaemonSetSection } from '../DaemonSetSection';

// Stable, as in the Stepper: the scaffolder's Form wraps each field anew when `fields` changes.
const fields = { DaemonSetSection, DaemonSetReview } as any;

/**
 * The scaffolder's own rjsf `Form` (MUI theme, its field template) with the section fields,
 * controlled the way the Stepper controls it: every change is merged into the state it passes
 * back as `formData` and as `formContext.formData`.
 */
export function SectionForm(props: {
  schema: RJSFSchema;
  uiSchema?: UiSchema;
  initial?: Record<string, unknown>;
  onData: (data: Record<string, unknown>) => void;
  extraErrors?: any;
}) {
  const [data, setData] = useState<Record<string, unknown>>(
    props.initial ?? {},
  );
  return (
    <Form
      validator={validator}
      schema={props.schema}
      uiSchema={props.uiSchema}
      formData={data}
      formContext={{ formData: data }}
      extraErrors={props.extraErrors}
      fields={fields}
      onChange={e => {
        setData(current => {
          const next = { ...current, ...e.formData };
          props.onData(next);
          return next;
        });
      }}
      experimental_defaultFormStateBehavior={{ allOf: 'populateDefaults' }}
    >
      <></>
    </Form>
  );
}
