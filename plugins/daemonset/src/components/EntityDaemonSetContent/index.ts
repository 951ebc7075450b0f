export { EntityDaemonSetContent } from './EntityDaemonSetContent';
