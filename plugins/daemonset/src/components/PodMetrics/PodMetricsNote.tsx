import Typography from '@material-ui/core/Typography';
import { DaemonSetPodMetrics } from './usePodMetrics';

/** Text of the metrics note; exported for tests. */
export function podMetricsText(metrics: DaemonSetPodMetrics): string {
  if (!metrics.available) {
    return 'This cluster has no metrics API (metrics-server); CPU and memory are not shown';
  }
  const pods = metrics.pods.length;
  const cpu = metrics.pods.reduce((sum, p) => sum + p.cpuMillicores, 0);
  const memory = metrics.pods.reduce((sum, p) => sum + p.memoryBytes, 0);
  return `Pod CPU and memory (metrics API): ${cpu}m CPU and ${formatBytes(
    memory,
  )} in ${pods} pod${pods === 1 ? '' : 's'}`;
}

/** Binary units, as `kubectl top` shows memory. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KiB`;
  if (bytes < 1024 ** 3) return `${Math.round(bytes / 1024 ** 2)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** Props of {@link PodMetricsNote}. */
export interface PodMetricsNoteProps {
  metrics?: DaemonSetPodMetrics;
  error?: Error;
  /** The metrics are being read: the note's line is kept empty. */
  loading?: boolean;
}

/**
 * One line under a DaemonSet's header: its pods' CPU/memory when the cluster serves the metrics
 * API, or plainly that it does not. An empty line while loading (the answer comes after the
 * status: the map and table below then do not move, nor are thousands of map cells laid out and
 * painted again); a failed read says so.
 */
export const PodMetricsNote = ({
  metrics,
  error,
  loading,
}: PodMetricsNoteProps) => {
  if (!metrics && !error) {
    return loading ? (
      <Typography
        variant="body2"
        aria-hidden
        data-testid="daemonset-pod-metrics-pending"
      >
        {'\u00a0'}
      </Typography>
    ) : null;
  }
  return (
    <Typography
      variant="body2"
      data-testid="daemonset-pod-metrics"
      data-available={metrics ? String(metrics.available) : 'error'}
    >
      {metrics
        ? podMetricsText(metrics)
        : `CPU and memory could not be read: ${error!.message}`}
    </Typography>
  );
};

/** The CPU/memory of one node's pod, in its drawer; nothing without metrics for it. */
export const PodUsageLine = ({
  metrics,
  pod,
}: {
  metrics?: DaemonSetPodMetrics;
  pod?: string;
}) => {
  const usage =
    metrics?.available && pod
      ? metrics.pods.find(p => p.name === pod)
      : undefined;
  if (!usage) return null;
  return (
    <Typography variant="body2" data-testid="daemonset-pod-usage">
      Pod CPU {usage.cpuMillicores}m, memory {formatBytes(usage.memoryBytes)}{' '}
      (metrics API)
    </Typography>
  );
};
