import { InputError } from '@backstage/errors';
import type { ZodIssue } from 'zod';

/**
 * One thing wrong with a wizard input.
 *
 * @public
 */
export interface Problem {
  /**
   * The field at fault, as a dotted and indexed path such as
   * `containers[0].resources.limits.cpu` or `annotations["prometheus.io/port"]`.
   * An empty string means the input as a whole.
   */
  path: string;
  /** What is wrong, naming the rule that was broken. */
  message: string;
}

/** One step of a field path: an object key or an array index. */
export type PathSegment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats path segments as `a.b[0].c`; keys that are not identifiers (label keys, resource
 * names) are written `["nvidia.com/gpu"]` so the path stays unambiguous.
 */
export function formatPath(segments: ReadonlyArray<PathSegment>): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else if (IDENTIFIER.test(segment)) {
      out += out === '' ? segment : `.${segment}`;
    } else {
      out += `[${JSON.stringify(segment)}]`;
    }
  }
  return out;
}

/** Creates a {@link Problem} from path segments. */
export function problem(
  segments: ReadonlyArray<PathSegment>,
  message: string,
): Problem {
  return { path: formatPath(segments), message };
}

function describeZodIssue(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') {
        return 'is required';
      }
      return `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${
        issue.expected
      } (got ${issue.received})`;
    case 'invalid_enum_value':
      return `must be one of: ${issue.options.map(String).join(', ')}`;
    case 'invalid_literal':
      return `must be ${JSON.stringify(issue.expected)}`;
    case 'too_small':
      if (issue.type === 'array') {
        return `must have at least ${issue.minimum} item${
          issue.minimum === 1 ? '' : 's'
        }`;
      }
      if (issue.type === 'string') {
        return issue.minimum === 1
          ? 'must not be empty'
          : `must be at least ${issue.minimum} characters`;
      }
      return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${
        issue.minimum
      }`;
    case 'too_big':
      if (issue.type === 'array') {
        return `must have at most ${issue.maximum} items`;
      }
      if (issue.type === 'string') {
        return `must be at most ${issue.maximum} characters`;
      }
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${
        issue.maximum
      }`;
    default:
      return issue.message;
  }
}

/**
 * Converts zod issues to {@link Problem}s: one per issue, and one per unknown key so the
 * path points at the misspelt field itself.
 */
export function zodIssuesToProblems(
  issues: ReadonlyArray<ZodIssue>,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push(
          problem([...issue.path, key], 'is not a known field of this object'),
        );
      }
    } else if (issue.code === 'invalid_type' && issue.expected === 'integer') {
      problems.push(problem(issue.path, 'must be an integer'));
    } else {
      problems.push(problem(issue.path, describeZodIssue(issue)));
    }
  }
  return problems;
}

/**
 * Thrown by `buildDaemonSetManifests` when the input is invalid: an `InputError` (so Backstage's
 * error handling middleware answers 400 Bad Request) that carries every problem.
 *
 * @public
 */
export class DaemonSetInputError extends InputError {
  /** Every problem found, in input order. */
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(
      `Invalid DaemonSet input: ${problems
        .map(p => (p.path ? `${p.path}: ${p.message}` : p.message))
        .join('; ')}`,
    );
    this.problems = problems;
  }
}
