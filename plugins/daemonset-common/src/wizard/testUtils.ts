import { buildDaemonSetManifests } from './manifests';
import type { ApprovalPolicy } from './policy';
import { DaemonSetInputError, Problem } from './problems';
import type { DaemonSetInput } from './schema';
import { validateDaemonSetInput } from './validate';

type ContainerInput = DaemonSetInput['containers'][number];

/** A small valid input; overrides replace top-level fields. */
export function baseInput(
  overrides: Partial<DaemonSetInput> = {},
): DaemonSetInput {
  return {
    name: 'agent',
    containers: [{ name: 'agent', image: 'ghcr.io/acme/agent', tag: '1.0' }],
    ...overrides,
  };
}

/** A valid input whose first container is extended by `container`. */
export function withContainer(
  container: Partial<ContainerInput>,
  overrides: Partial<DaemonSetInput> = {},
): DaemonSetInput {
  return baseInput({
    containers: [
      { name: 'agent', image: 'ghcr.io/acme/agent', tag: '1.0', ...container },
    ],
    ...overrides,
  });
}

/** The problems of an input that must be invalid; also checks that building it throws. */
export function problemsOf(input: unknown, policy?: ApprovalPolicy): Problem[] {
  const problems = validateDaemonSetInput(input, policy);
  let thrown: unknown;
  try {
    buildDaemonSetManifests(input, policy);
  } catch (error) {
    thrown = error;
  }
  if (!(thrown instanceof DaemonSetInputError)) {
    throw new Error(
      `expected build to throw DaemonSetInputError, problems: ${JSON.stringify(
        problems,
      )}`,
    );
  }
  expect(thrown.problems).toEqual(problems);
  return problems;
}

/** Asserts that the input is invalid with a problem at `path` whose message matches. */
export function expectProblem(
  input: unknown,
  path: string,
  message: string | RegExp,
  policy?: ApprovalPolicy,
): void {
  const problems = problemsOf(input, policy);
  expect(problems).toContainEqual({
    path,
    message:
      typeof message === 'string'
        ? expect.stringContaining(message)
        : expect.stringMatching(message),
  });
}

export const DNS1123 = 'must be a DNS-1123 label';
export const DIGEST = `sha256:${'b'.repeat(64)}`;

/** One invalid-input case: its description, the input, the expected problem path and message. */
export type Case = [
  description: string,
  input: unknown,
  path: string,
  message: string,
];
