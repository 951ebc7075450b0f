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
 * Every permission defined by the DaemonSet plugins.
 *
 * @public
 */
export const daemonSetPermissions = [
  daemonSetStatusReadPermission,
  daemonSetClusterReadPermission,
];
