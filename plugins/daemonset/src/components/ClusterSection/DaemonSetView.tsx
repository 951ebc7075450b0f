import { ReactNode, memo, useCallback, useMemo, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { WarningPanel } from '@backstage/core-components';
import { DaemonSetStatusReport } from '@daemonsets/plugin-daemonset-common';
import { SummaryHeader } from '../SummaryHeader';
import { NodeMap } from '../NodeMap';
import { NodeTable } from '../NodeTable';
import { DRAWER_WIDTH, NodeDetailDrawer } from '../NodeDetailDrawer';
import { useLayoutStyles } from '../shared/layoutStyles';
import { useFleetView } from '../shared/useFleetView';
import { selectedNodeOf, selectionKey } from '../shared/fleetViewParams';
import { groupRows, groupTitle } from '../shared/fleetGrouping';
import { GroupBySelect } from './GroupBySelect';
import { PodMetricsNote, PodUsageLine, usePodMetrics } from '../PodMetrics';

// Memoised here: the pod metrics (and the cluster's title) arrive after the status and re-render
// the view; the map's and the table's thousands of nodes need not follow.
const MemoSummaryHeader = memo(SummaryHeader);
const MemoGroupBySelect = memo(GroupBySelect);
const MemoNodeMap = memo(NodeMap);
const MemoNodeTable = memo(NodeTable);

/** Props of {@link DaemonSetView}. @public */
export interface DaemonSetViewProps {
  report: DaemonSetStatusReport;
  /** Buttons acting on this DaemonSet, shown in its header's actions area. */
  actions?: ReactNode;
}

/**
 * One DaemonSet in one cluster: compact header, node map (grouped by a node label when chosen),
 * node table and the selected node's details in a side drawer. Selection, grouping, filters and
 * sort live in the URL. Selecting a node on the map scrolls the table to it.
 *
 * @public
 */
export const DaemonSetView = ({ report, actions }: DaemonSetViewProps) => {
  const layout = useLayoutStyles();
  const ds = report.daemonSet;
  const [view, updateView] = useFleetView();
  const prefix = selectionKey(report.cluster, ds.namespace, ds.name, '').slice(
    0,
    -1,
  );
  const selected = selectedNodeOf(view.selected, prefix);
  const [scrollRequest, setScrollRequest] = useState(0);
  const selectedRow = useMemo(
    () =>
      selected === undefined
        ? undefined
        : report.nodes.find(r => r.node.name === selected),
    [report.nodes, selected],
  );
  const select = useCallback(
    (name: string | undefined) =>
      updateView({ selected: name ? `${prefix}/${name}` : '' }),
    [prefix, updateView],
  );
  const selectFromMap = useCallback(
    (name: string) => {
      select(name);
      setScrollRequest(n => n + 1);
    },
    [select],
  );
  const selectFromTable = useCallback(
    (name: string) => select(name === selected ? undefined : name),
    [select, selected],
  );
  const close = useCallback(() => select(undefined), [select]);
  const changeGroup = useCallback(
    (group: string) => updateView({ group, collapsed: [] }),
    [updateView],
  );
  const groups = useMemo(
    () => (view.group ? groupRows(report.nodes, view.group) : undefined),
    [report.nodes, view.group],
  );
  const unscheduled = report.unscheduledPods ?? [];
  const metrics = usePodMetrics({
    cluster: report.cluster,
    namespace: ds.namespace,
    name: ds.name,
  });
  const podUsage = useMemo(
    () =>
      metrics.value?.available
        ? new Map(metrics.value.pods.map(p => [p.name, p]))
        : undefined,
    [metrics.value],
  );

  return (
    <div
      className={layout.mb3}
      data-testid="daemonset-view"
      data-daemonset={`${ds.namespace}/${ds.name}`}
      data-cluster={report.cluster}
      style={selectedRow ? { paddingRight: DRAWER_WIDTH } : undefined}
    >
      <MemoSummaryHeader report={report} actions={actions} />
      <PodMetricsNote
        metrics={metrics.value}
        error={metrics.error}
        loading={metrics.loading}
      />
      {unscheduled.length > 0 && (
        <div className={layout.mb2}>
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
                    `${p.name} (${p.phase}${p.reason ? `, ${p.reason}` : ''})`,
                )
                .join(', ')}
              {unscheduled.length > 20 ? ', …' : ''}
            </Typography>
          </WarningPanel>
        </div>
      )}
      <section aria-label={`Nodes of ${ds.name}`}>
        <div className={layout.toolbar}>
          <Typography variant="subtitle1" component="h4">
            Nodes
          </Typography>
          <MemoGroupBySelect
            rows={report.nodes}
            value={view.group}
            onChange={changeGroup}
          />
        </div>
        {groups ? (
          groups.map(group => {
            const title = groupTitle(view.group, group);
            return (
              <div
                key={group.key}
                className={layout.mb2}
                data-testid="daemonset-map-group"
                data-group={group.value ?? ''}
              >
                <Typography variant="subtitle2" component="h5">
                  {title} — {group.rows.length} node
                  {group.rows.length === 1 ? '' : 's'}
                </Typography>
                <MemoNodeMap
                  rows={group.rows}
                  counts={group.counts}
                  selectedNode={selected}
                  onSelect={selectFromMap}
                  label={`${ds.name}, ${title}`}
                />
              </div>
            );
          })
        ) : (
          <MemoNodeMap
            rows={report.nodes}
            counts={report.counts}
            selectedNode={selected}
            onSelect={selectFromMap}
            label={ds.name}
          />
        )}
        <div className={layout.mt2}>
          <MemoNodeTable
            rows={report.nodes}
            selectedNode={selected}
            scrollRequest={scrollRequest}
            onSelect={selectFromTable}
            podUsage={podUsage}
          />
        </div>
      </section>
      <NodeDetailDrawer row={selectedRow} onClose={close}>
        <PodUsageLine metrics={metrics.value} pod={selectedRow?.pod?.name} />
      </NodeDetailDrawer>
    </div>
  );
};
