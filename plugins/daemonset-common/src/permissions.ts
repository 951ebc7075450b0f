import { createPermission } from '@backstage/plugin-permission-common';

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
 * Every permission defined by the DaemonSet plugins.
 *
 * @public
 */
export const daemonSetPermissions = [
  daemonSetStatusReadPermission,
  daemonSetClusterReadPermission,
  daemonSetRequestReadPermission,
  daemonSetRequestApprovePermission,
];
