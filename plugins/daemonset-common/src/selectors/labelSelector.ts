import { dns1123Subdomain, labelValue, qualifiedName } from '../wizard/formats';

/**
 * One requirement of a label selector.
 *
 * @public
 */
export interface LabelRequirement {
  /** The label key. */
  key: string;
  /** How the label is compared; `Gt` and `Lt` compare integers. */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  /** The values compared against; empty for `Exists` and `DoesNotExist`. */
  values: string[];
}

/**
 * A label selector in the structured form of a DaemonSet's `spec.selector`.
 *
 * @public
 */
export interface StructuredLabelSelector {
  /** Labels that must equal these values. */
  matchLabels?: { [key: string]: string };
  /** Further requirements, each on one label key. */
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

function keyProblem(key: string): string | undefined {
  if (qualifiedName.test(key)) {
    return undefined;
  }
  const slash = key.indexOf('/');
  if (slash >= 0 && !dns1123Subdomain.test(key.slice(0, slash))) {
    return `label key '${key}' has an invalid prefix`;
  }
  return `'${key}' is not a valid label key`;
}

/**
 * Why `value` is not a valid label value, or undefined when it is.
 *
 * @public
 */
export function labelValueProblem(value: string): string | undefined {
  return labelValue.test(value)
    ? undefined
    : `'${value}' is not a valid label value`;
}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map(p => p.trim());
}

function parseRequirement(part: string): LabelRequirement {
  let match = /^!\s*([^\s=!(),]+)$/.exec(part);
  if (match) {
    return { key: match[1], operator: 'DoesNotExist', values: [] };
  }
  match = /^([^\s=!(),]+)\s+(in|notin)\s*\(([^()]*)\)$/.exec(part);
  if (match) {
    const values =
      match[3].trim() === '' ? [] : match[3].split(',').map(v => v.trim());
    return {
      key: match[1],
      operator: match[2] === 'in' ? 'In' : 'NotIn',
      values,
    };
  }
  match = /^([^\s=!(),]+)\s*(==|=|!=)\s*([^\s=!(),]*)$/.exec(part);
  if (match) {
    return {
      key: match[1],
      operator: match[2] === '!=' ? 'NotIn' : 'In',
      values: [match[3]],
    };
  }
  match = /^([^\s=!(),<>]+)\s*([<>])\s*([^\s=!(),<>]*)$/.exec(part);
  if (match) {
    if (!/^-?\d+$/.test(match[3])) {
      throw new Error(
        `'${part}': the value of '${match[2]}' must be an integer`,
      );
    }
    return {
      key: match[1],
      operator: match[2] === '>' ? 'Gt' : 'Lt',
      values: [match[3]],
    };
  }
  match = /^([^\s=!(),<>]+)$/.exec(part);
  if (match) {
    return { key: match[1], operator: 'Exists', values: [] };
  }
  throw new Error(`cannot parse '${part}'`);
}

/**
 * Parses a label selector string (`a=b,c!=d,e in (f,g),!h`), with the syntax and validation of
 * Kubernetes' `labels.Parse`.
 *
 * @throws Error naming the offending requirement when it is malformed or empty.
 * @public
 */
export function parseLabelSelector(text: string): LabelRequirement[] {
  if (text.trim() === '') {
    throw new Error('the selector is empty');
  }
  return splitTopLevel(text).map(part => {
    if (part === '') {
      throw new Error('the selector has an empty requirement');
    }
    const requirement = parseRequirement(part);
    const problem =
      keyProblem(requirement.key) ??
      requirement.values.map(labelValueProblem).find(p => p !== undefined);
    if (problem) {
      throw new Error(problem);
    }
    if (
      (requirement.operator === 'In' || requirement.operator === 'NotIn') &&
      requirement.values.length === 0
    ) {
      throw new Error(`'${part}' needs at least one value`);
    }
    return requirement;
  });
}

function formatRequirement(r: LabelRequirement): string {
  const values = [...r.values].sort();
  switch (r.operator) {
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'Gt':
      return `${r.key}>${values[0]}`;
    case 'Lt':
      return `${r.key}<${values[0]}`;
    case 'In':
      return values.length === 1
        ? `${r.key}=${values[0]}`
        : `${r.key} in (${values.join(',')})`;
    case 'NotIn':
      return values.length === 1
        ? `${r.key}!=${values[0]}`
        : `${r.key} notin (${values.join(',')})`;
    default:
      throw new Error(`unsupported operator ${r.operator}`);
  }
}

/**
 * Formats requirements as a selector string in a canonical order, so that equal selectors give
 * equal strings (and share one watch).
 *
 * @public
 */
export function formatLabelSelector(requirements: LabelRequirement[]): string {
  return requirements.map(formatRequirement).sort().join(',');
}

/**
 * Turns a structured selector (a DaemonSet's `spec.selector`) into a canonical selector string,
 * or undefined when it selects nothing we can express (empty, or unknown operators).
 *
 * @public
 */
export function structuredSelectorToString(
  selector: StructuredLabelSelector | undefined,
): string | undefined {
  const requirements: LabelRequirement[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) {
    requirements.push({ key, operator: 'In', values: [value] });
  }
  for (const e of selector?.matchExpressions ?? []) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) {
      return undefined;
    }
    requirements.push({
      key: e.key,
      operator: e.operator as LabelRequirement['operator'],
      values: e.values ?? [],
    });
  }
  return requirements.length > 0
    ? formatLabelSelector(requirements)
    : undefined;
}

/**
 * Whether `labels` meet every requirement, as the API server evaluates a label selector
 * (`Gt`/`Lt` compare integers; a label that is not an integer does not match them).
 *
 * @public
 */
export function matchesLabelRequirements(
  requirements: ReadonlyArray<LabelRequirement>,
  labels: { [key: string]: string },
): boolean {
  return requirements.every(({ key, operator, values }) => {
    const has = Object.hasOwn(labels, key);
    switch (operator) {
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'In':
        return has && values.includes(labels[key]);
      case 'NotIn':
        return !has || !values.includes(labels[key]);
      case 'Gt':
      case 'Lt': {
        if (!has || !/^-?\d+$/.test(labels[key])) return false;
        const label = BigInt(labels[key]);
        const bound = BigInt(values[0]);
        return operator === 'Gt' ? label > bound : label < bound;
      }
      default:
        return false;
    }
  });
}
