export type {
  PodEvent,
  PodEventList,
  PodLogQuery,
  PodRestartResult,
} from './types';
export { isNodeCauseEvent, NODE_CAUSE_REASONS } from './nodeCause';
