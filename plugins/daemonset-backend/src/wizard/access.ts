import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { daemonSetClusterReadPermission } from '@daemonsets/plugin-daemonset-common';
import { dns1123Label } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { Request } from 'express';

/**
 * The caller's credentials (a user or a service), and whether they hold
 * `daemonset.cluster.read`.
 *
 * @internal
 */
export async function clusterReadAccess(
  req: Request,
  services: { httpAuth: HttpAuthService; permissions: PermissionsService },
): Promise<{ credentials: BackstageCredentials; allowed: boolean }> {
  const credentials = await services.httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const [decision] = await services.permissions.authorize(
    [{ permission: daemonSetClusterReadPermission }],
    { credentials },
  );
  return { credentials, allowed: decision.result === AuthorizeResult.ALLOW };
}

/**
 * Checks that the caller may read what the wizard shows of clusters.
 *
 * @throws AuthenticationError without user or service credentials; NotAllowedError without
 *   the `daemonset.cluster.read` permission.
 * @internal
 */
export async function requireClusterRead(
  req: Request,
  services: { httpAuth: HttpAuthService; permissions: PermissionsService },
): Promise<BackstageCredentials> {
  const { credentials, allowed } = await clusterReadAccess(req, services);
  if (!allowed) {
    throw new NotAllowedError(
      `Not allowed to read clusters (permission ${daemonSetClusterReadPermission.name})`,
    );
  }
  return credentials;
}

/**
 * The configured cluster named `name`.
 *
 * @throws NotFoundError naming the configured clusters, when there is none of that name.
 * @internal
 */
export function configuredCluster<T>(
  clusters: ReadonlyMap<string, T>,
  name: string,
): T {
  const cluster = clusters.get(name);
  if (cluster === undefined) {
    const known = [...clusters.keys()].join(', ') || 'none';
    throw new NotFoundError(
      `Cluster ${JSON.stringify(
        name.slice(0, 80),
      )} is not configured (known: ${known})`,
    );
  }
  return cluster;
}

/**
 * A namespace name from the URL, checked before it goes into an API-server path.
 *
 * @throws InputError when it is not a DNS-1123 label.
 * @internal
 */
export function namespaceParam(value: string): string {
  if (!dns1123Label.test(value)) {
    throw new InputError(
      `Namespace ${JSON.stringify(
        value.slice(0, 80),
      )} is not a valid namespace name (a DNS-1123 label)`,
    );
  }
  return value;
}
