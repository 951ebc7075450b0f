export { DaemonSetLifecycleActions } from './LifecycleActions';
export type { DaemonSetLifecycleActionsProps } from './LifecycleActions';
