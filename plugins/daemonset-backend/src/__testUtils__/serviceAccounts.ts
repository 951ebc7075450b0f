import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  V1ClusterRoleBinding,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';

/** The ClusterRole the local cluster's portal user reads with (`cluster/src/rbac.ts`). */
export const PORTAL_READER_ROLE = 'daemonset-portal-reader';

/** A ServiceAccount with a bound token, made for one test. */
export interface TestServiceAccount {
  name: string;
  namespace: string;
  /** A bound token from the TokenRequest API: valid while the ServiceAccount exists. */
  token: string;
  /** Deletes the ClusterRoleBinding: the token still authenticates, but may read nothing. */
  revokePermission(): Promise<void>;
  /** Creates the ClusterRoleBinding (again). */
  grantPermission(): Promise<void>;
  /** Deletes the ServiceAccount, which invalidates its bound tokens. */
  delete(): Promise<void>;
  /** Deletes whatever is left (the binding is cluster-scoped: the namespace does not take it). */
  cleanup(): Promise<void>;
}

const ignoreNotFound = (e: unknown) => {
  const status = (e as { code?: number; statusCode?: number }).code;
  if (status !== 404) throw e;
};

/**
 * Creates a ServiceAccount in `namespace`, bound cluster-wide to `clusterRole` (by default the
 * portal's read role), and requests a token for it, all with the admin credentials of
 * `adminConfig`.
 */
export async function createServiceAccount(
  adminConfig: KubeConfig,
  namespace: string,
  clusterRole: string = PORTAL_READER_ROLE,
): Promise<TestServiceAccount> {
  const core = adminConfig.makeApiClient(CoreV1Api);
  const rbac = adminConfig.makeApiClient(RbacAuthorizationV1Api);
  const name = `fault-reader-${randomBytes(3).toString('hex')}`;
  const binding: V1ClusterRoleBinding = {
    metadata: { name },
    roleRef: {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'ClusterRole',
      name: clusterRole,
    },
    subjects: [{ kind: 'ServiceAccount', name, namespace }],
  };
  await core.createNamespacedServiceAccount({
    namespace,
    body: { metadata: { name } },
  });
  await rbac.createClusterRoleBinding({ body: binding });
  const request = await core.createNamespacedServiceAccountToken({
    name,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = request.status?.token;
  if (!token) {
    throw new Error(`no token issued for service account ${name}`);
  }
  const revokePermission = () =>
    rbac.deleteClusterRoleBinding({ name }).then(() => undefined);
  return {
    name,
    namespace,
    token,
    revokePermission,
    grantPermission: () =>
      rbac.createClusterRoleBinding({ body: binding }).then(() => undefined),
    delete: () =>
      core
        .deleteNamespacedServiceAccount({ name, namespace })
        .then(() => undefined),
    cleanup: async () => {
      await revokePermission().catch(ignoreNotFound);
      await core
        .deleteNamespacedServiceAccount({ name, namespace })
        .catch(ignoreNotFound);
    },
  };
}
