import { InputError } from '@backstage/errors';
import { ManifestObject } from './types';

/**
 * The only kinds the apply code writes: a template must not be able to apply arbitrary objects.
 *
 * @public
 */
export const APPLICABLE_KINDS: ReadonlyArray<{
  apiVersion: string;
  kind: string;
}> = [
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'v1', kind: 'Service' },
];

function describe(value: unknown): string {
  const text =
    typeof value === 'string' ? value : String(JSON.stringify(value));
  // Manifests come from templates: never echo a huge value in full.
  return text.length > 100
    ? `${text.slice(0, 100)}… (${text.length} characters)`
    : text;
}

/**
 * Checks that every value is a namespaced DaemonSet (apps/v1) or Service (v1) with a name.
 *
 * @throws InputError listing every object that is not applicable.
 * @public
 */
export function assertApplicableObjects(
  objects: ReadonlyArray<unknown>,
): asserts objects is ReadonlyArray<ManifestObject> {
  const problems: string[] = [];
  if (objects.length === 0) {
    problems.push('the manifest holds no objects');
  }
  objects.forEach((value, index) => {
    const object = value as Partial<ManifestObject> | null;
    if (!object || typeof object !== 'object' || Array.isArray(object)) {
      problems.push(`object ${index} is not a Kubernetes object`);
      return;
    }
    const allowed = APPLICABLE_KINDS.some(
      k => k.apiVersion === object.apiVersion && k.kind === object.kind,
    );
    if (!allowed) {
      problems.push(
        `object ${index} is ${describe(object.apiVersion)} ${describe(
          object.kind,
        )}; only ${APPLICABLE_KINDS.map(k => `${k.apiVersion} ${k.kind}`).join(
          ' and ',
        )} may be applied`,
      );
      return;
    }
    const name = object.metadata?.name;
    if (typeof name !== 'string' || name === '') {
      problems.push(`object ${index} (${object.kind}) has no metadata.name`);
    }
    const namespace = object.metadata?.namespace;
    if (typeof namespace !== 'string' || namespace === '') {
      problems.push(
        `object ${index} (${object.kind} ${describe(
          name,
        )}) has no metadata.namespace`,
      );
    }
  });
  if (problems.length > 0) {
    throw new InputError(`Cannot apply the manifest: ${problems.join('; ')}`);
  }
}

/**
 * The API path of one applicable object.
 *
 * @public
 */
export function objectPath(object: ManifestObject): string {
  const namespace = encodeURIComponent(object.metadata.namespace ?? '');
  const name = encodeURIComponent(object.metadata.name);
  if (object.kind === 'DaemonSet') {
    return `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`;
  }
  return `/api/v1/namespaces/${namespace}/services/${name}`;
}
