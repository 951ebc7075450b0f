/**
 * Catalog entity tab with live per-node status of an entity's DaemonSets, for the classic
 * frontend system. The new frontend system's plugin is exported from `/alpha`.
 *
 * @packageDocumentation
 */

export { daemonSetPlugin, EntityDaemonSetContent } from './plugin';
export * from './annotations';
export * from './api';
