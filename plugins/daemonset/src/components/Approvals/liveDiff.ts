import { parseAllDocuments, stringify } from 'yaml';
import { diffLines, DiffLine } from './lineDiff';

/** The diff of one requested object against what runs now. */
export interface ObjectDiff {
  /** `DaemonSet kube-system/agent`. */
  title: string;
  /** `new` when nothing of that kind and name runs now. */
  status: 'new' | 'changed' | 'unchanged';
  lines: DiffLine[];
}

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function identity(object: unknown): string {
  if (!isObject(object)) return '';
  const metadata = isObject(object.metadata) ? object.metadata : {};
  const namespace = metadata.namespace ? `${metadata.namespace}/` : '';
  return `${object.kind} ${namespace}${metadata.name}`;
}

/**
 * `live` reduced to the fields `desired` sets, in `desired`'s key order: the cluster adds
 * defaults, status and bookkeeping that the request never mentions, and a diff of those would
 * hide the change under review. List items are matched by `name` when they have one.
 */
export function projectOnto(desired: unknown, live: unknown): unknown {
  if (isObject(desired) && isObject(live)) {
    const projected: Obj = {};
    for (const key of Object.keys(desired)) {
      if (key in live) projected[key] = projectOnto(desired[key], live[key]);
    }
    return projected;
  }
  if (Array.isArray(desired) && Array.isArray(live)) {
    const byName = new Map(
      desired
        .filter(item => isObject(item) && typeof item.name === 'string')
        .map(item => [(item as Obj).name, item]),
    );
    return live.map((item, index) => {
      if (isObject(item) && typeof item.name === 'string') {
        const match = byName.get(item.name);
        return match ? projectOnto(match, item) : { name: item.name };
      }
      return index < desired.length ? projectOnto(desired[index], item) : item;
    });
  }
  return live;
}

function toYaml(value: unknown): string {
  return stringify(value, {
    lineWidth: 0,
    aliasDuplicateObjects: false,
  }).trimEnd();
}

/**
 * Each object of the requested manifest next to the object of the same kind, namespace and
 * name among `liveObjects`.
 */
export function diffAgainstLive(
  manifest: string,
  liveObjects: object[],
): ObjectDiff[] {
  const live = new Map(liveObjects.map(o => [identity(o), o]));
  return parseAllDocuments(manifest)
    .map(document => {
      if (document.errors.length > 0) throw document.errors[0];
      return document.toJS() as unknown;
    })
    .filter(isObject)
    .map(desired => {
      const title = identity(desired);
      const current = live.get(title);
      const after = toYaml(desired);
      if (!current) {
        return {
          title,
          status: 'new' as const,
          lines: after
            .split('\n')
            .map(text => ({ kind: 'added' as const, text })),
        };
      }
      const lines = diffLines(toYaml(projectOnto(desired, current)), after);
      const changed = lines.some(line => line.kind !== 'same');
      return { title, status: changed ? 'changed' : 'unchanged', lines };
    });
}
