export { backoffDelay, DEFAULT_BACKOFF_BOUNDS } from './backoff';
export type { BackoffBounds } from './backoff';
