import type { ApiHolder } from '@backstage/core-plugin-api';
import type { FieldValidation } from '@rjsf/utils';
import { validateDaemonSetInput } from '@daemonsets/plugin-daemonset-common';
import { loadApprovalPolicy } from './approvalPolicy';
import { mapProblemsToErrorSchema } from './mapProblemsToErrorSchema';
import { dropUndefinedItemKeys } from './offValue';
import type { DaemonSetSectionOptions } from './options';
import { toWizardInput } from './wizardInput';

/** What the scaffolder passes a field validator as its third argument. */
export interface SectionValidationContext {
  apiHolder: ApiHolder;
  formData: Record<string, unknown> | object;
  schema?: unknown;
  uiSchema?: { 'ui:options'?: DaemonSetSectionOptions } & Record<
    string,
    unknown
  >;
}

/** Whether `path` is `pattern` or below it; `[*]` in the pattern matches any index. */
export function matchesPattern(path: string, pattern: string): boolean {
  const source = pattern
    .split('[*]')
    .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('\\[\\d+\\]');
  return new RegExp(`^${source}(?:$|[.[])`).test(path);
}

/** The key of `formData` holding `value`, when the template did not name it. */
function keyOf(formData: object, value: unknown): string | undefined {
  if (value === undefined) {
    return undefined;
  }
  return Object.entries(formData).find(([, v]) => v === value)?.[0];
}

/**
 * The `validation` of `DaemonSetSection`: with `ui:options.validate`, validates the whole form
 * so far (`context.formData`) with the DaemonSet validator and the platform's approval policy,
 * and puts each problem under this property at its field in `fieldValidation`.
 *
 * First, whatever the options, it deletes the keys set to undefined inside array items of the
 * whole form data (in place, before the Stepper stores it), which would otherwise make the
 * Stepper's validation throw on later pages (see `offValue.ts`).
 *
 * The Stepper only stops on errors at a property's own node (its `hasErrors` does not look
 * below a node without errors), so when problems sit only at nested fields, one line at the
 * property itself says how many there are.
 */
export async function validateSection(
  value: unknown,
  fieldValidation: FieldValidation,
  context: SectionValidationContext,
): Promise<void> {
  dropUndefinedItemKeys(context.formData);
  const options = context.uiSchema?.['ui:options'] ?? {};
  if (!options.validate) {
    return;
  }
  const formData = context.formData ?? {};
  const key =
    typeof options.property === 'string' && options.property
      ? options.property
      : keyOf(formData, value);
  if (!key) {
    return;
  }
  const { policy } = await loadApprovalPolicy(context.apiHolder);
  const ignore = options.ignore ?? [];
  const problems = validateDaemonSetInput(
    toWizardInput(formData),
    policy,
  ).filter(p => !ignore.some(pattern => matchesPattern(p.path, pattern)));
  const { nested } = mapProblemsToErrorSchema(
    problems,
    key,
    fieldValidation,
    context.schema,
  );
  if (nested > 0 && (fieldValidation.__errors ?? []).length === 0) {
    fieldValidation.addError(
      nested === 1
        ? 'has a problem, shown at its field above'
        : `has ${nested} problems, shown at their fields above`,
    );
  }
}
