import type { KubeClient, KubeObject } from './kube.ts';

/** User name the portal's static token authenticates as. */
export const PORTAL_USER = 'daemonset-portal';
/** Namespaces the portal may deploy to unless `--portal-namespaces` says otherwise. */
export const DEFAULT_PORTAL_NAMESPACES = ['default', 'daemonset-demo'];

const READ = ['get', 'list', 'watch'];
const DEPLOY = ['create', 'patch', 'update', 'get', 'list', 'delete'];
const RBAC = 'rbac.authorization.k8s.io/v1';
const subject = {
  kind: 'User',
  apiGroup: 'rbac.authorization.k8s.io',
  name: PORTAL_USER,
};

/**
 * The portal's RBAC: cluster-wide read, and deploy rights (and listing Secrets and ConfigMaps
 * for the wizard's pickers) only in `namespaces`.
 */
export function portalRbacObjects(namespaces: string[]): KubeObject[] {
  const name = 'daemonset-portal-reader';
  const objects: KubeObject[] = [
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name },
      rules: [
        {
          apiGroups: [''],
          resources: ['nodes', 'pods', 'namespaces', 'events'],
          verbs: READ,
        },
        {
          apiGroups: ['apps'],
          resources: ['daemonsets', 'controllerrevisions'],
          verbs: READ,
        },
        { apiGroups: ['events.k8s.io'], resources: ['events'], verbs: READ },
      ],
    },
    {
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name,
      },
      subjects: [subject],
    },
  ];
  for (const namespace of namespaces) {
    const deployer = 'daemonset-portal-deployer';
    objects.push(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
      {
        apiVersion: RBAC,
        kind: 'Role',
        metadata: { name: deployer, namespace },
        rules: [
          { apiGroups: ['apps'], resources: ['daemonsets'], verbs: DEPLOY },
          { apiGroups: [''], resources: ['services'], verbs: DEPLOY },
          // Pod troubleshooting: container logs and restarting (deleting) a DaemonSet's pod.
          { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
          // The wizard's pickers list names and keys; the portal drops the values.
          {
            apiGroups: [''],
            resources: ['secrets', 'configmaps'],
            verbs: ['list'],
          },
        ],
      },
      {
        apiVersion: RBAC,
        kind: 'RoleBinding',
        metadata: { name: deployer, namespace },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'Role',
          name: deployer,
        },
        subjects: [subject],
      },
    );
  }
  return objects;
}

/** Server-side applies the portal's RBAC and namespaces (idempotent). */
export async function applyPortalRbac(
  kube: KubeClient,
  namespaces: string[],
): Promise<void> {
  for (const obj of portalRbacObjects(namespaces)) await kube.apply(obj);
}
