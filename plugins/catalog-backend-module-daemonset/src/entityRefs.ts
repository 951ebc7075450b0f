import {
  KubernetesValidatorFunctions as valid,
  parseEntityRef,
} from '@backstage/catalog-model';

/**
 * Whether `ref` is a well-formed entity reference (`[kind:][namespace/]name`); the catalog's
 * parser alone accepts malformed parts.
 */
export function isEntityRef(ref: string, defaultKind: string): boolean {
  try {
    const { kind, namespace, name } = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: 'default',
    });
    return (
      valid.isValidKind(kind) &&
      valid.isValidNamespace(namespace) &&
      valid.isValidObjectName(name)
    );
  } catch {
    return false;
  }
}
