/**
 * Catalog entity tab with live per-node status of an entity's DaemonSets, and the scaffolder
 * field extensions of the DaemonSet wizard, for the classic frontend system. The new frontend
 * system's plugin and scaffolder module are exported from `/alpha`.
 *
 * @packageDocumentation
 */

export {
  daemonSetPlugin,
  DaemonSetApprovalsPage,
  EntityDaemonSetContent,
} from './plugin';
export { daemonSetApprovalsRouteRef } from './routes';
export * from './annotations';
export * from './api';
export * from './scaffolder';
export * from './scaffolder/classic';
