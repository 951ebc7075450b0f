import { Problem, problem } from '../problems';
import type { ParsedDaemonSetInput } from '../schema';
import { Report } from './report';
import { containerRules } from './container';
import { metadataRules, podRules, serviceRules, strategyRules } from './pod';

/*
 * Rules that relate fields to each other. They run on input the schema accepted, so shapes
 * and formats can be trusted here.
 */

/** Every cross-field problem of a parsed input, in input order. */
export function crossFieldProblems(input: ParsedDaemonSetInput): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) =>
    problems.push(problem(path, message));
  metadataRules(input, report);
  podRules(input, report);
  input.containers.forEach((container, index) =>
    containerRules(input, container, index, report),
  );
  serviceRules(input, report);
  strategyRules(input, report);
  return problems;
}
