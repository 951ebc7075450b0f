import { asObject } from './objects';

/**
 * A field of a live object that the wizard cannot express: listed to the user and written back
 * onto the generated object, so an edit never drops it silently.
 *
 * @public
 */
export interface KeptField {
  /** The object holding it: `DaemonSet` or `Service/<name>`. */
  object: string;
  /** The path inside the object, e.g. `['spec', 'revisionHistoryLimit']`. */
  path: Array<string | number>;
  /** The live value. */
  value: unknown;
}

/** Fields the API server sets or defaults, ignored when their value is the one shown. */
type Ignored = { path: string; value?: unknown };

const ANY = Symbol('any');

const IGNORED: Ignored[] = [
  { path: 'status' },
  { path: 'metadata.uid' },
  { path: 'metadata.resourceVersion' },
  { path: 'metadata.generation' },
  { path: 'metadata.creationTimestamp' },
  { path: 'metadata.managedFields' },
  { path: 'metadata.selfLink' },
  {
    path: 'metadata.annotations.deprecated\\.daemonset\\.template\\.generation',
  },
  {
    path: 'metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration',
  },
  { path: 'spec.template.metadata.creationTimestamp' },
  { path: 'spec.revisionHistoryLimit', value: 10 },
  { path: 'spec.template.spec.restartPolicy', value: 'Always' },
  { path: 'spec.template.spec.schedulerName', value: 'default-scheduler' },
  { path: 'spec.template.spec.securityContext', value: {} },
  {
    path: 'spec.template.spec.containers.*.terminationMessagePath',
    value: '/dev/termination-log',
  },
  {
    path: 'spec.template.spec.containers.*.terminationMessagePolicy',
    value: 'File',
  },
  { path: 'spec.clusterIP' },
  { path: 'spec.clusterIPs' },
  { path: 'spec.ipFamilies' },
  { path: 'spec.ipFamilyPolicy' },
  { path: 'spec.internalTrafficPolicy', value: 'Cluster' },
  { path: 'spec.externalTrafficPolicy', value: 'Cluster' },
  { path: 'spec.sessionAffinity', value: 'None' },
  { path: 'spec.allocateLoadBalancerNodePorts', value: true },
];

function splitPattern(pattern: string): string[] {
  return pattern.split(/(?<!\\)\./).map(part => part.replace(/\\\./g, '.'));
}

const PATTERNS = IGNORED.map(rule => ({
  parts: splitPattern(rule.path),
  value: 'value' in rule ? rule.value : ANY,
}));

function isIgnored(path: Array<string | number>, value: unknown): boolean {
  return PATTERNS.some(
    rule =>
      rule.parts.length === path.length &&
      rule.parts.every((part, i) => part === '*' || part === String(path[i])) &&
      (rule.value === ANY ||
        JSON.stringify(rule.value) === JSON.stringify(value)),
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields of `live` that `generated` lacks or sets differently: the smallest subtrees, an
 * array as a whole unless both have the same length.
 */
export function fieldsNotIn(
  object: string,
  live: unknown,
  generated: unknown,
  path: Array<string | number> = [],
): KeptField[] {
  if (isIgnored(path, live)) {
    return [];
  }
  const liveObject = asObject(live);
  const generatedObject = asObject(generated);
  if (liveObject && generatedObject) {
    return Object.entries(liveObject).flatMap(([key, value]) =>
      fieldsNotIn(object, value, generatedObject[key], [...path, key]),
    );
  }
  if (
    Array.isArray(live) &&
    Array.isArray(generated) &&
    live.length === generated.length
  ) {
    return live.flatMap((value, i) =>
      fieldsNotIn(object, value, generated[i], [...path, i]),
    );
  }
  if (live === undefined || live === null || sameValue(live, generated)) {
    return [];
  }
  if (
    liveObject &&
    Object.keys(liveObject).length === 0 &&
    generated === undefined
  ) {
    return [];
  }
  return [{ object, path, value: live }];
}

/**
 * A field path as people read it: `spec.template.spec.containers[0].securityContext`.
 *
 * @public
 */
export function formatFieldPath(path: ReadonlyArray<string | number>): string {
  return path
    .map((part, i) => {
      if (typeof part === 'number') return `[${part}]`;
      return i === 0 ? part : `.${part}`;
    })
    .join('');
}

/** The name under which {@link KeptField.object} names an object. */
export function keptObjectName(object: {
  kind: string;
  metadata: { name: string };
}): string {
  return object.kind === 'DaemonSet'
    ? 'DaemonSet'
    : `${object.kind}/${object.metadata.name}`;
}
