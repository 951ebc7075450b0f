import {
  KubeNode,
  KubeNodeSelectorRequirement,
  KubeNodeSelectorTerm,
  parseInt64,
} from './kubernetes';
import { labelValue, qualifiedName } from '../wizard/formats';

/**
 * Why a pod template's `nodeSelector` does not match a node: one reason per label that does not
 * match, e.g. `nodeSelector disktype=ssd not matched (node has disktype=hdd)`. Empty when it
 * matches.
 *
 * @public
 */
export function nodeSelectorMismatches(
  nodeSelector: { [key: string]: string } | undefined,
  node: KubeNode,
): string[] {
  if (!nodeSelector) {
    return [];
  }
  const labels = node.metadata?.labels ?? {};
  const reasons: string[] = [];
  for (const [key, value] of Object.entries(nodeSelector)) {
    if (!Object.hasOwn(labels, key)) {
      reasons.push(
        `nodeSelector ${key}=${value} not matched (node has no ${key} label)`,
      );
    } else if (labels[key] !== value) {
      reasons.push(
        `nodeSelector ${key}=${value} not matched (node has ${key}=${labels[key]})`,
      );
    }
  }
  return reasons;
}

function describeRequirement(r: KubeNodeSelectorRequirement): string {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return `${r.key} ${r.operator} [${values.join(', ')}]`;
    case 'Gt':
    case 'Lt':
      return `${r.key} ${r.operator} ${values.join(', ')}`;
    default:
      return `${r.key} ${r.operator}`;
  }
}

/**
 * Why a match expression is invalid (the scheduler then ignores its whole term), if it is: as
 * `labels.NewRequirement`, a key that is not a qualified name or a value that is not a label
 * value makes the term invalid, whatever the operator.
 */
function expressionError(r: KubeNodeSelectorRequirement): string | undefined {
  const values = r.values ?? [];
  if (!qualifiedName.test(r.key)) {
    return `key '${r.key}' is not a valid label key`;
  }
  const badValue = values.find(v => !labelValue.test(v));
  if (badValue !== undefined) {
    return `'${badValue}' is not a valid label value`;
  }
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return values.length === 0
        ? `${r.operator} needs at least one value`
        : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return values.length !== 0 ? `${r.operator} takes no values` : undefined;
    case 'Gt':
    case 'Lt':
      return values.length !== 1 || parseInt64(values[0]) === undefined
        ? `${r.operator} needs exactly one integer value`
        : undefined;
    default:
      return `unsupported operator ${r.operator}`;
  }
}

function fieldError(r: KubeNodeSelectorRequirement): string | undefined {
  if (r.operator !== 'In' && r.operator !== 'NotIn') {
    return `unsupported field operator ${r.operator}`;
  }
  return (r.values ?? []).length !== 1
    ? `field ${r.operator} needs exactly one value`
    : undefined;
}

/** Why a valid label requirement does not match, or undefined when it matches. */
function expressionMismatch(
  r: KubeNodeSelectorRequirement,
  labels: { [key: string]: string },
): string | undefined {
  const has = Object.hasOwn(labels, r.key);
  const value = has ? labels[r.key] : undefined;
  const values = r.values ?? [];
  const nodeHas = has
    ? `node has ${r.key}=${value}`
    : `node has no ${r.key} label`;
  let matches: boolean;
  switch (r.operator) {
    case 'In':
      matches = has && values.includes(value!);
      break;
    case 'NotIn':
      matches = !has || !values.includes(value!);
      break;
    case 'Exists':
      matches = has;
      break;
    case 'DoesNotExist':
      matches = !has;
      break;
    case 'Gt':
    case 'Lt': {
      const nodeValue = has ? parseInt64(value!) : undefined;
      if (has && nodeValue === undefined) {
        return `${describeRequirement(r)} — ${nodeHas} (not an integer)`;
      }
      const wanted = parseInt64(values[0])!;
      matches =
        nodeValue !== undefined &&
        (r.operator === 'Gt' ? nodeValue > wanted : nodeValue < wanted);
      break;
    }
    default:
      matches = false;
  }
  return matches ? undefined : `${describeRequirement(r)} — ${nodeHas}`;
}

function fieldMismatch(
  r: KubeNodeSelectorRequirement,
  node: KubeNode,
): string | undefined {
  // The scheduler only knows the metadata.name field; any other field reads as empty.
  const actual = r.key === 'metadata.name' ? node.metadata?.name ?? '' : '';
  const wanted = (r.values ?? [])[0];
  const matches = r.operator === 'In' ? actual === wanted : actual !== wanted;
  if (matches) {
    return undefined;
  }
  return r.key === 'metadata.name'
    ? `${describeRequirement(r)} — node is ${actual}`
    : `${describeRequirement(r)} — node has no field ${r.key}`;
}

/** Why one non-empty term does not match the node, or undefined when it matches. */
function termMismatch(
  term: KubeNodeSelectorTerm,
  node: KubeNode,
): string | undefined {
  const expressions = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  const errors = [
    ...expressions.map(expressionError),
    ...fields.map(fieldError),
  ].filter((e): e is string => e !== undefined);
  if (errors.length > 0) {
    return `invalid, ignored: ${errors.join('; ')}`;
  }
  const labels = node.metadata?.labels ?? {};
  const mismatches: string[] = [];
  for (const r of expressions) {
    const mismatch = expressionMismatch(r, labels);
    if (mismatch) {
      mismatches.push(mismatch);
    }
  }
  // As in the scheduler, field requirements are skipped for a node without a name.
  if (node.metadata?.name) {
    for (const r of fields) {
      const mismatch = fieldMismatch(r, node);
      if (mismatch) {
        mismatches.push(mismatch);
      }
    }
  }
  return mismatches.length > 0 ? mismatches.join(', ') : undefined;
}

/**
 * Why a required node affinity (`requiredDuringSchedulingIgnoredDuringExecution`) does not match
 * a node, or undefined when it matches; as the scheduler's `nodeaffinity.LazyErrorNodeSelector`:
 * terms are ORed, the expressions and fields of one term ANDed, empty terms ignored (so a
 * selector with only empty terms matches no node) and invalid terms never match.
 *
 * @example
 * `required node affinity not matched: no term matched (term 1: zone In [a, b] — node has zone=c)`
 *
 * @public
 */
export function requiredNodeAffinityMismatch(
  selector: { nodeSelectorTerms?: KubeNodeSelectorTerm[] } | undefined,
  node: KubeNode,
): string | undefined {
  if (!selector) {
    return undefined;
  }
  const failures: string[] = [];
  let nonEmptyTerms = 0;
  const terms = selector.nodeSelectorTerms ?? [];
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    if (!term.matchExpressions?.length && !term.matchFields?.length) {
      continue;
    }
    nonEmptyTerms++;
    const mismatch = termMismatch(term, node);
    if (mismatch === undefined) {
      return undefined;
    }
    failures.push(`term ${i + 1}: ${mismatch}`);
  }
  if (nonEmptyTerms === 0) {
    return 'required node affinity not matched: it has no non-empty term';
  }
  return `required node affinity not matched: no term matched (${failures.join(
    '; ',
  )})`;
}
