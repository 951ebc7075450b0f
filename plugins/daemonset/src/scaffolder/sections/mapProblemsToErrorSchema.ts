import type { FieldValidation } from '@rjsf/utils';
import { parseProblemPath, Problem } from '@daemonsets/plugin-daemonset-common';
import { describePath } from './describePath';

type JsonSchema = Record<string, unknown>;

/** A node of the error tree a scaffolder validator fills: errors plus child nodes. */
export type ValidationNode = FieldValidation & { [key: string]: unknown };

const RESERVED = new Set(['__errors', 'addError']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A node shaped like scaffolder-react's `createFieldValidation()`. */
export function createValidationNode(): ValidationNode {
  const node: ValidationNode = {
    __errors: [],
    addError: (message: string) => {
      node.__errors!.push(message);
    },
  };
  return node;
}

function childNode(node: ValidationNode, key: string): ValidationNode {
  const existing = node[key];
  if (isPlainObject(existing) && typeof existing.addError === 'function') {
    return existing as ValidationNode;
  }
  const created = createValidationNode();
  node[key] = created;
  return created;
}

/**
 * The schema of `segment` inside `schema`, when the form renders such a field; undefined when
 * it does not (then the error stays at the parent, so it is still shown).
 */
export function childSchema(
  schema: unknown,
  segment: string | number,
): JsonSchema | undefined {
  if (!isPlainObject(schema)) {
    return undefined;
  }
  for (const combinator of ['allOf', 'anyOf', 'oneOf'] as const) {
    const options = schema[combinator];
    if (Array.isArray(options)) {
      for (const option of options) {
        const found = childSchema(option, segment);
        if (found) {
          return found;
        }
      }
    }
  }
  if (typeof segment === 'number') {
    const items = schema.items;
    if (Array.isArray(items)) {
      return isPlainObject(items[segment])
        ? (items[segment] as JsonSchema)
        : (isPlainObject(schema.additionalItems) &&
            (schema.additionalItems as JsonSchema)) ||
            undefined;
    }
    return isPlainObject(items) ? items : undefined;
  }
  const properties = schema.properties;
  if (isPlainObject(properties) && isPlainObject(properties[segment])) {
    return properties[segment] as JsonSchema;
  }
  const dependencies = schema.dependencies;
  if (isPlainObject(dependencies)) {
    for (const dependency of Object.values(dependencies)) {
      const found = childSchema(dependency, segment);
      if (found) {
        return found;
      }
    }
  }
  if (isPlainObject(schema.additionalProperties)) {
    return schema.additionalProperties;
  }
  if (schema.additionalProperties === true) {
    return {};
  }
  return undefined;
}

/** How a {@link mapProblemsToErrorSchema} call went. */
export interface MappedProblems {
  /** Problems placed in the tree. */
  mapped: number;
  /** Of those, the ones placed below the section's own node. */
  nested: number;
}

/**
 * Puts every problem whose path starts with `key` into `target`, the section's node: problem
 * `containers[0].image` with key `containers` becomes `target[0].image.addError(message)`, so
 * rjsf shows it at that field (the scaffolder's Stepper passes the tree as `extraErrors`).
 *
 * A path deeper than the form renders (checked against `schema`, the section's JSON Schema;
 * not checked when it is left out) stops at the deepest field that exists and names the rest
 * of the path in the message, so no problem is lost.
 */
export function mapProblemsToErrorSchema(
  problems: ReadonlyArray<Problem>,
  key: string,
  target: FieldValidation,
  schema?: unknown,
): MappedProblems {
  let mapped = 0;
  let nested = 0;
  for (const problem of problems) {
    let segments: Array<string | number>;
    try {
      segments = parseProblemPath(problem.path);
    } catch {
      continue;
    }
    if (segments[0] !== key) {
      continue;
    }
    const rest = segments.slice(1);
    let node = target as ValidationNode;
    let nodeSchema: unknown = schema;
    let depth = 0;
    for (const segment of rest) {
      const name = String(segment);
      if (RESERVED.has(name)) {
        break;
      }
      const next = schema === undefined ? {} : childSchema(nodeSchema, segment);
      if (!next) {
        break;
      }
      node = childNode(node, name);
      nodeSchema = next;
      depth++;
    }
    const leftover = rest.slice(depth);
    node.addError(
      leftover.length > 0
        ? `${describePath(leftover)}: ${problem.message}`
        : problem.message,
    );
    mapped++;
    if (depth > 0) {
      nested++;
    }
  }
  return { mapped, nested };
}
