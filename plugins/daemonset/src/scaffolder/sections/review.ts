import type { ApiHolder } from '@backstage/core-plugin-api';
import type { FieldValidation } from '@rjsf/utils';
import {
  ApprovalPolicy,
  DaemonSetInputError,
  Problem,
  validateDaemonSetInput,
} from '@daemonsets/plugin-daemonset-common';
import {
  BuildResult,
  buildDaemonSetManifests,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import { loadApprovalPolicy } from './approvalPolicy';
import { describePath } from './describePath';
import { dropUndefinedItemKeys } from './offValue';
import { toWizardInput } from './wizardInput';

/** What the review shows: the manifests of a valid input, or its problems. */
export type ReviewOutcome =
  | { valid: true; result: BuildResult }
  | { valid: false; problems: Problem[] };

function problemsOf(error: unknown): Problem[] | undefined {
  return error instanceof DaemonSetInputError ? error.problems : undefined;
}

/** Builds the manifests for the form data, as the generator will. */
export function reviewInput(
  formData: unknown,
  policy: ApprovalPolicy,
): ReviewOutcome {
  try {
    return {
      valid: true,
      result: buildDaemonSetManifests(toWizardInput(formData), policy),
    };
  } catch (error) {
    return {
      valid: false,
      problems: problemsOf(error) ?? [
        {
          path: '',
          message: error instanceof Error ? error.message : String(error),
        },
      ],
    };
  }
}

/** A problem as one line: its field in the wizard's words, its path, and the rule. */
export function problemLine(problem: Problem, formData?: unknown): string {
  if (!problem.path) {
    return problem.message;
  }
  return `${describePath(problem.path, toWizardInput(formData))} (${
    problem.path
  }): ${problem.message}`;
}

/**
 * The `validation` of `DaemonSetReview`: the full validation with the platform's policy, one
 * error per problem, so the last page cannot be left while any problem remains.
 */
export async function validateReview(
  _value: unknown,
  fieldValidation: FieldValidation,
  context: { apiHolder: ApiHolder; formData: object },
): Promise<void> {
  dropUndefinedItemKeys(context.formData);
  const { policy } = await loadApprovalPolicy(context.apiHolder);
  const input = toWizardInput(context.formData);
  for (const problem of validateDaemonSetInput(input, policy)) {
    fieldValidation.addError(problemLine(problem, input));
  }
}
