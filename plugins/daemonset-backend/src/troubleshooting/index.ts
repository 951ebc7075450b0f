export { createTroubleshootingRouter } from './routes';
export type { TroubleshootingRouteOptions } from './routes';
export { DEFAULT_LOG_MAX_BYTES } from './podLogs';
export { listPodEvents } from './podEvents';
export type { PodEventsOptions } from './podEvents';
