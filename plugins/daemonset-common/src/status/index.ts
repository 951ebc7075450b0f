export * from './types';
export type { NodeHealth } from './nodeHealth';
export { nodeConditionFlags, nodeHealth } from './nodeHealth';
export { compareNodeRows, VERDICT_SEVERITY_ORDER } from './rowOrder';
export type {
  ClusterStatusPatch,
  DaemonSetStatusReportPatch,
  EntityDaemonSetStatusPatch,
  NodeRowChanges,
} from './patch';
export { applyStatusPatch } from './patch';
