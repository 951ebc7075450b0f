export type { DaemonSetQuery } from './request';
export { KubeStatusError } from './request';
export type { DaemonSetList } from './listDaemonSets';
export { listDaemonSets } from './listDaemonSets';
export type {
  DaemonSetWatchHandlers,
  DaemonSetWatchOptions,
} from './DaemonSetWatch';
export { DaemonSetWatch } from './DaemonSetWatch';
