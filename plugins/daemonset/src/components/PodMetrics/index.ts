export { PodMetricsNote, PodUsageLine } from './PodMetricsNote';
export { usePodMetrics } from './usePodMetrics';
export type { DaemonSetPodMetrics, PodUsage } from './usePodMetrics';
