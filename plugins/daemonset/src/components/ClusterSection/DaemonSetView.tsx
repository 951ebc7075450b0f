import { useCallback, useMemo, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { InfoCard, WarningPanel } from '@backstage/core-components';
import { DaemonSetStatusReport } from '@daemonsets/plugin-daemonset-common';
import { SummaryHeader } from '../SummaryHeader';
import { NodeMap } from '../NodeMap';
import { NodeTable } from '../NodeTable';
import { NodeRowDetail } from '../NodeRowDetail';
import { useLayoutStyles } from '../shared/layoutStyles';

/** Props of {@link DaemonSetView}. @public */
export interface DaemonSetViewProps {
  report: DaemonSetStatusReport;
}

/**
 * One DaemonSet in one cluster: summary, node map, node table and the selected node's details.
 * Selecting a node on the map scrolls the table to it.
 *
 * @public
 */
export const DaemonSetView = ({ report }: DaemonSetViewProps) => {
  const layout = useLayoutStyles();
  const ds = report.daemonSet;
  const [selected, setSelected] = useState<string | undefined>();
  const [scrollRequest, setScrollRequest] = useState(0);
  const selectedRow = useMemo(
    () =>
      selected === undefined
        ? undefined
        : report.nodes.find(r => r.node.name === selected),
    [report.nodes, selected],
  );
  const selectFromMap = useCallback((name: string) => {
    setSelected(name);
    setScrollRequest(n => n + 1);
  }, []);
  const selectFromTable = useCallback(
    (name: string) => setSelected(s => (s === name ? undefined : name)),
    [],
  );
  const unscheduled = report.unscheduledPods ?? [];

  return (
    <div
      className={layout.mb3}
      data-testid="daemonset-view"
      data-daemonset={`${ds.namespace}/${ds.name}`}
      data-cluster={report.cluster}
    >
      <InfoCard
        title={`${ds.namespace}/${ds.name}`}
        subheader={`DaemonSet in cluster ${report.cluster}`}
      >
        <SummaryHeader report={report} />
        {unscheduled.length > 0 && (
          <div className={layout.mt2}>
            <WarningPanel
              severity="info"
              title={`${unscheduled.length} pod${
                unscheduled.length === 1 ? '' : 's'
              } not on any listed node`}
            >
              <Typography variant="body2" component="div">
                {unscheduled
                  .slice(0, 20)
                  .map(
                    p =>
                      `${p.name} (${p.phase}${
                        p.reason ? `, ${p.reason}` : ''
                      })`,
                  )
                  .join(', ')}
                {unscheduled.length > 20 ? ', …' : ''}
              </Typography>
            </WarningPanel>
          </div>
        )}
        <div className={layout.mt3}>
          <Typography variant="subtitle1" component="h3" gutterBottom>
            Nodes
          </Typography>
          <NodeMap
            rows={report.nodes}
            counts={report.counts}
            selectedNode={selected}
            onSelect={selectFromMap}
            label={ds.name}
          />
        </div>
        <div className={layout.mt3}>
          <NodeTable
            rows={report.nodes}
            selectedNode={selected}
            scrollRequest={scrollRequest}
            onSelect={selectFromTable}
          />
        </div>
        {selectedRow && (
          <NodeRowDetail
            row={selectedRow}
            onClose={() => setSelected(undefined)}
          />
        )}
      </InfoCard>
    </div>
  );
};
