import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { daemonSetStatusReadPermission } from '@daemonsets/plugin-daemonset-common';

/**
 * Loads the entity whose DaemonSet status the caller asks for, checking that they may see it.
 *
 * @remarks
 * The entity is read with the caller's credentials, so the catalog's own permission rules
 * apply; an entity they cannot see is reported as not found, like a missing one. The
 * `daemonset.status.read` permission is checked only after that, so a 403 never reveals that an
 * entity exists.
 *
 * @throws NotFoundError, NotAllowedError
 * @internal
 */
export async function loadEntityForStatus(options: {
  ref: CompoundEntityRef;
  credentials: BackstageCredentials;
  catalog: CatalogService;
  permissions: PermissionsService;
}): Promise<Entity> {
  const { ref, credentials } = options;
  const entity = await options.catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new NotFoundError(`Entity ${stringifyEntityRef(ref)} not found`);
  }
  const [decision] = await options.permissions.authorize(
    [{ permission: daemonSetStatusReadPermission }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `Not allowed to read the DaemonSet status of ${stringifyEntityRef(ref)}`,
    );
  }
  return entity;
}

/**
 * Whether the permission policy allows a resource permission on the catalog entity (such as
 * `daemonset.pod.logs.read`), for callers that leave something out rather than refuse.
 *
 * @internal
 */
export async function isAllowedOnEntity(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  permission: ResourcePermission<'catalog-entity'>,
  entity: Entity,
): Promise<boolean> {
  const [decision] = await permissions.authorize(
    [{ permission, resourceRef: stringifyEntityRef(entity) }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

/**
 * Checks a resource permission on the catalog entity (such as `daemonset.pod.logs.read` or
 * `daemonset.update`), so a policy can decide with catalog rules like `isEntityOwner`.
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
  if (
    !(await isAllowedOnEntity(permissions, credentials, permission, entity))
  ) {
    throw new NotAllowedError(
      `Not allowed: ${permission.name} on ${stringifyEntityRef(
        entity,
      )} is denied by the permission policy`,
    );
  }
}
