import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Checks a resource permission on the catalog entity (such as `daemonset.pod.logs.read`), so a
 * policy can decide with catalog rules like `isEntityOwner`.
 *
 * @throws NotAllowedError naming the permission and the entity.
 * @internal
 */
export async function authorizeOnEntity(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'catalog-entity'>,
  entity: Entity,
): Promise<void> {
  const resourceRef = stringifyEntityRef(entity);
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} on ${resourceRef}`,
    );
  }
}
