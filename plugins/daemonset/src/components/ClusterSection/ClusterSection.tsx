import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import { ClusterStatus } from '@daemonsets/plugin-daemonset-common';
import { DaemonSetView } from './DaemonSetView';
import { DaemonSetLifecycleActions } from '../Lifecycle';
import { formatDateTime } from '../shared/format';
import { useLayoutStyles } from '../shared/layoutStyles';

/** Props of {@link ClusterSection}. @public */
export interface ClusterSectionProps {
  cluster: ClusterStatus;
  /** The cluster's display title, when it has one. */
  title?: string;
}

/**
 * The DaemonSets of one cluster, or a warning in place when the cluster cannot be read or its
 * connection is down, without affecting the other clusters.
 *
 * @public
 */
export const ClusterSection = ({ cluster, title }: ClusterSectionProps) => {
  const layout = useLayoutStyles();
  const name = title ?? cluster.cluster;
  const connection = cluster.connection;
  return (
    <section
      className={layout.mb3}
      aria-label={`Cluster ${name}`}
      data-testid={`daemonset-cluster-${cluster.cluster}`}
    >
      <Typography variant="h6" component="h2" gutterBottom>
        Cluster {name}
      </Typography>
      {cluster.error && (
        <div className={layout.mb2}>
          <WarningPanel
            defaultExpanded
            severity="error"
            title={`Could not read cluster ${name}`}
            message={`${cluster.error.message}. The other clusters are shown normally; this one is retried by the backend.`}
          />
        </div>
      )}
      {!cluster.error && connection.state !== 'connected' && (
        <div className={layout.mb2}>
          <WarningPanel
            defaultExpanded
            severity={connection.state === 'failed' ? 'error' : 'warning'}
            title={
              connection.state === 'failed'
                ? `Connection to cluster ${name} failed`
                : `Reconnecting to cluster ${name}`
            }
            message={`Since ${formatDateTime(connection.since)}${
              connection.reason ? `: ${connection.reason}` : ''
            }. The data below may be out of date.`}
          />
        </div>
      )}
      {!cluster.error && cluster.daemonSets.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No DaemonSet of this entity in cluster {name}.
        </Typography>
      )}
      {cluster.daemonSets.map(report => (
        <DaemonSetView
          key={`${report.daemonSet.namespace}/${report.daemonSet.name}`}
          report={report}
          actions={
            <DaemonSetLifecycleActions
              cluster={cluster.cluster}
              namespace={report.daemonSet.namespace}
              name={report.daemonSet.name}
            />
          }
        />
      ))}
    </section>
  );
};
