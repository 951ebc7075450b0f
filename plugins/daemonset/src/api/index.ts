export * from './DaemonSetApi';
export { DaemonSetClient } from './DaemonSetClient';
export { ServerSentEventParser } from './sse';
export type { ServerSentEvent } from './sse';
export type { BackoffOptions } from './subscribe';
