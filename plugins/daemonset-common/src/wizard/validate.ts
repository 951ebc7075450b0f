import { ApprovalPolicy, defaultApprovalPolicy } from './policy';
import { evaluateApprovalPolicy } from './policyEvaluation';
import { pruneEmptySections } from './emptySections';
import { Problem, zodIssuesToProblems } from './problems';
import { crossFieldProblems } from './rules';
import { daemonSetInputSchema, ParsedDaemonSetInput } from './schema';

/** The outcome of checking an input: the parsed value when valid. */
export interface CheckedInput {
  input?: ParsedDaemonSetInput;
  problems: Problem[];
  approvalReasons: string[];
}

/**
 * Checks an input in three passes: the schema, then (only if it passed, since they rely on
 * its shapes) the cross-field rules and the policy. Untouched optional sections (empty objects
 * and arrays a form sends) count as absent.
 */
export function checkDaemonSetInput(
  raw: unknown,
  policy: ApprovalPolicy,
): CheckedInput {
  const parsed = daemonSetInputSchema.safeParse(pruneEmptySections(raw));
  if (!parsed.success) {
    return {
      problems: zodIssuesToProblems(parsed.error.issues),
      approvalReasons: [],
    };
  }
  const outcome = evaluateApprovalPolicy(parsed.data, policy);
  const problems = [...crossFieldProblems(parsed.data), ...outcome.problems];
  return problems.length > 0
    ? { problems, approvalReasons: outcome.approvalReasons }
    : {
        input: parsed.data,
        problems: [],
        approvalReasons: outcome.approvalReasons,
      };
}

/**
 * Validates a wizard input: the schema, the rules relating fields to each other, and the
 * `deny` rules of the approval policy.
 *
 * @param input - what the wizard gathered ({@link DaemonSetInput}), unchecked.
 * @param policy - the platform policy; {@link defaultApprovalPolicy} when left out.
 * @returns every problem found; empty when the input is valid.
 * @public
 */
export function validateDaemonSetInput(
  input: unknown,
  policy: ApprovalPolicy = defaultApprovalPolicy,
): Problem[] {
  return checkDaemonSetInput(input, policy).problems;
}
