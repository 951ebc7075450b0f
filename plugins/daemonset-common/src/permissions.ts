import { createPermission } from '@backstage/plugin-permission-common';
import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';

/**
 * Allows reading the live per-node status of an entity's DaemonSets.
 *
 * @remarks
 * Checked in addition to the caller's right to read the entity itself in the catalog, so a
 * portal can restrict who sees cluster state without hiding the entity.
 *
 * @public
 */
export const daemonSetStatusReadPermission = createPermission({
  name: 'daemonset.status.read',
  attributes: { action: 'read' },
});

/**
 * Allows reading what the DaemonSet wizard shows of a cluster: its connection state,
 * namespaces, the names and keys (never values) of Secrets and ConfigMaps, and the placement
 * preview.
 *
 * @public
 */
export const daemonSetClusterReadPermission = createPermission({
  name: 'daemonset.cluster.read',
  attributes: { action: 'read' },
});

/**
 * Resource type of DaemonSet approval requests, for conditional permission decisions.
 *
 * @public
 */
export const DAEMONSET_APPROVAL_RESOURCE_TYPE = 'daemonset-approval-request';

/**
 * Allows reading a DaemonSet approval request (its manifests, reasons and decisions).
 *
 * @remarks
 * A resource permission: a policy may answer conditionally, for example with the `isRequester`
 * rule so people read only their own requests.
 *
 * @public
 */
export const daemonSetRequestReadPermission = createPermission({
  name: 'daemonset.request.read',
  attributes: { action: 'read' },
  resourceType: DAEMONSET_APPROVAL_RESOURCE_TYPE,
});

/**
 * Allows approving, rejecting and retrying a DaemonSet approval request.
 *
 * @remarks
 * Whatever the policy says, nobody approves their own request.
 *
 * @public
 */
export const daemonSetRequestApprovePermission = createPermission({
  name: 'daemonset.request.approve',
  attributes: { action: 'update' },
  resourceType: DAEMONSET_APPROVAL_RESOURCE_TYPE,
});

/**
 * Allows changing what an entity's DaemonSet runs: an edit through the wizard or a rollback to
 * an earlier revision.
 *
 * @remarks
 * A resource permission on the catalog entity, so a policy may answer conditionally (for
 * example with the catalog's `isEntityOwner` rule). The change still goes through the approval
 * policy.
 *
 * @public
 */
export const daemonSetUpdatePermission = createPermission({
  name: 'daemonset.update',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows decommissioning an entity's DaemonSet: deleting it and its Services.
 *
 * @remarks
 * A resource permission on the catalog entity, like {@link daemonSetUpdatePermission}.
 *
 * @public
 */
export const daemonSetDeletePermission = createPermission({
  name: 'daemonset.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows reading the container logs of the pods of an entity's DaemonSets.
 *
 * @remarks
 * A resource permission on the catalog entity, so a policy can answer with catalog rules such as
 * `isEntityOwner`. Checked in addition to the caller's right to read the entity.
 *
 * @public
 */
export const daemonSetPodLogsReadPermission = createPermission({
  name: 'daemonset.pod.logs.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Allows restarting (deleting, for its DaemonSet to recreate) a pod of an entity's DaemonSets.
 *
 * @remarks
 * A resource permission on the catalog entity, like {@link daemonSetPodLogsReadPermission}.
 *
 * @public
 */
export const daemonSetPodDeletePermission = createPermission({
  name: 'daemonset.pod.delete',
  attributes: { action: 'delete' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Every permission defined by the DaemonSet plugins.
 *
 * @public
 */
export const daemonSetPermissions = [
  daemonSetStatusReadPermission,
  daemonSetClusterReadPermission,
  daemonSetRequestReadPermission,
  daemonSetRequestApprovePermission,
  daemonSetUpdatePermission,
  daemonSetDeletePermission,
  daemonSetPodLogsReadPermission,
  daemonSetPodDeletePermission,
];
