export type {
  PodEvent,
  PodEventList,
  PodLogQuery,
  PodRestartResult,
} from './types';
export { isNodeCauseEvent } from './nodeCause';
