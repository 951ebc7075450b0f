export * from './DaemonSetApi';
export { DaemonSetClient } from './DaemonSetClient';
export type { BackoffOptions } from './subscribe';
