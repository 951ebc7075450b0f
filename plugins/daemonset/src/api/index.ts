export * from './DaemonSetApi';
export { DaemonSetClient } from './DaemonSetClient';
export type { BackoffOptions } from './subscribe';
export type { PodEventsSubscriber, PodLocator } from './podTroubleshooting';
