export { ClusterSection } from './ClusterSection';
export type { ClusterSectionProps } from './ClusterSection';
export { DaemonSetView } from './DaemonSetView';
export type { DaemonSetViewProps } from './DaemonSetView';
