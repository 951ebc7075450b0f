import { daemonSetInputSchema } from '@daemonsets/plugin-daemonset-common';

const INPUT_KEYS: ReadonlySet<string> = new Set(
  Object.keys(daemonSetInputSchema.shape),
);

/**
 * The part of the scaffolder's form data that is a `DaemonSetInput`: the template's other
 * parameters (owner, the review field) are left out, so the strict schema does not report them
 * and hide the rules that only run once the schema passes.
 */
export function toWizardInput(formData: unknown): Record<string, unknown> {
  if (typeof formData !== 'object' || formData === null) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(formData).filter(
      ([key, value]) => INPUT_KEYS.has(key) && value !== undefined,
    ),
  );
}
