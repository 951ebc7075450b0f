export { LifecycleService } from './LifecycleService';
export type { LifecycleServiceOptions } from './LifecycleService';
export { addLifecycleRoutes, createLifecycleRouter } from './routes';
