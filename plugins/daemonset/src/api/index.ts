export * from './DaemonSetApi';
export { DaemonSetClient } from './DaemonSetClient';
