/** One requirement of a label selector. @internal */
export interface LabelRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

/** A label selector in the structured form of a DaemonSet's `spec.selector`. @internal */
export interface StructuredLabelSelector {
  matchLabels?: { [key: string]: string };
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    return `label key '${key}' has an invalid prefix`;
  }
  if (name.length === 0 || name.length > 63 || !NAME.test(name)) {
    return `'${key}' is not a valid label key`;
  }
  return undefined;
}

/**
 * Why `value` is not a valid label value, or undefined when it is.
 *
 * @internal
 */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') {
    return undefined;
  }
  return value.length > 63 || !NAME.test(value)
    ? `'${value}' is not a valid label value`
    : undefined;
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
      throw new Error(`'${part}': the value of '${match[2]}' must be an integer`);
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
 * @internal
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
 * @internal
 */
export function formatLabelSelector(requirements: LabelRequirement[]): string {
  return requirements.map(formatRequirement).sort().join(',');
}

/**
 * Turns a structured selector (a DaemonSet's `spec.selector`) into a canonical selector string,
 * or undefined when it selects nothing we can express (empty, or unknown operators).
 *
 * @internal
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
