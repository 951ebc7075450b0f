import { useState } from 'react';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { entity, makeReport, makeRow } from '../../__testUtils__/fixtures';
import { DaemonSetPodMetrics } from '../PodMetrics';
import { DaemonSetStatusReport } from '@daemonsets/plugin-daemonset-common';
import { DaemonSetView } from './DaemonSetView';

const BASE = 'http://backend.test/api/daemonset';

/** Renders one DaemonSet whose metrics route answers `metrics`; returns the URLs fetched. */
async function renderView(metrics: DaemonSetPodMetrics) {
  const fetched: string[] = [];
  const fetchApi = {
    fetch: async (input: RequestInfo | URL) => {
      fetched.push(String(input));
      return new Response(JSON.stringify(metrics), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    },
  };
  const discoveryApi = { getBaseUrl: async () => BASE };
  const rows = [makeRow(1), makeRow(2, 'failing'), makeRow(3, 'missing')];
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [fetchApiRef, fetchApi],
        [discoveryApiRef, discoveryApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <DaemonSetView report={makeReport(rows)} />
      </EntityProvider>
    </TestApiProvider>,
  );
  await screen.findByTestId('daemonset-pod-metrics');
  return { fetched, rows };
}

const headers = () =>
  within(screen.getByRole('table', { name: 'Nodes' }))
    .getAllByRole('columnheader')
    .map(h => h.textContent);
const row = (node: string) =>
  document.querySelector<HTMLElement>(
    `[data-testid="daemonset-node-row"][data-node="${node}"]`,
  )!;
const shown = () =>
  screen
    .getAllByTestId('daemonset-node-row')
    .map(r => r.getAttribute('data-node'));

// The whole view (header, map, table, drawer) in jsdom: ~8 s alone, several times that on a
// loaded machine.
jest.setTimeout(60000);

describe('DaemonSetView pod CPU and memory', () => {
  it('adds CPU and memory columns per node when the cluster has the metrics API', async () => {
    const pod1 = makeRow(1).pod!.name;
    const pod2 = makeRow(2, 'failing').pod!.name;
    const { fetched } = await renderView({
      available: true,
      pods: [
        { name: pod1, cpuMillicores: 12, memoryBytes: 48 * 1024 ** 2 },
        { name: pod2, cpuMillicores: 250, memoryBytes: 3 * 1024 ** 3 },
      ],
    });
    // (TestApiProvider builds a new API holder when it re-renders, so the read may repeat.)
    expect(new Set(fetched)).toEqual(
      new Set([
        `${BASE}/entity/default/Component/node-agent/metrics/prod/daemonset-demo/node-agent`,
      ]),
    );
    expect(headers()).toEqual([
      'Verdict',
      'Node',
      'Pod',
      'Ready',
      'Restarts',
      'CPU',
      'Memory',
      'Reason',
      'Image',
      'Age',
    ]);
    const cpu = (node: string) =>
      within(row(node)).getByTestId('daemonset-pod-cpu').textContent;
    const memory = (node: string) =>
      within(row(node)).getByTestId('daemonset-pod-memory').textContent;
    expect([cpu('node-1'), memory('node-1')]).toEqual(['12m', '48 MiB']);
    expect([cpu('node-2'), memory('node-2')]).toEqual(['250m', '3.0 GiB']);
    // A node without a pod has no figures.
    expect([cpu('node-3'), memory('node-3')]).toEqual(['—', '—']);
    // Every row has a cell per header.
    expect(within(row('node-1')).getAllByRole('cell')).toHaveLength(10);
    expect(screen.getByTestId('daemonset-pod-metrics')).toHaveTextContent(
      'Pod CPU and memory (metrics API): 262m CPU and 3.0 GiB in 2 pods',
    );

    // The new columns sort like the others: busiest pod first on the second click.
    const cpuHeader = screen.getByRole('columnheader', { name: 'CPU' });
    fireEvent.click(within(cpuHeader).getByRole('button'));
    expect(shown()).toEqual(['node-3', 'node-1', 'node-2']);
    fireEvent.click(within(cpuHeader).getByRole('button'));
    expect(cpuHeader).toHaveAttribute('aria-sort', 'descending');
    expect(shown()).toEqual(['node-2', 'node-1', 'node-3']);

    // The table is still one Tab stop with arrow keys.
    const first = row('node-2');
    expect(first).toHaveAttribute('tabindex', '0');
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(row('node-1'));

    // The selected node's drawer shows its pod's use.
    fireEvent.keyDown(row('node-1'), { key: 'Enter' });
    expect(await screen.findByTestId('daemonset-pod-usage')).toHaveTextContent(
      'Pod CPU 12m, memory 48 MiB (metrics API)',
    );
  });

  it('has no CPU or memory columns when the cluster has no metrics API, and says so', async () => {
    await renderView({ available: false });
    expect(headers()).toEqual([
      'Verdict',
      'Node',
      'Pod',
      'Ready',
      'Restarts',
      'Reason',
      'Image',
      'Age',
    ]);
    expect(screen.queryAllByTestId('daemonset-pod-cpu')).toHaveLength(0);
    expect(screen.queryAllByTestId('daemonset-pod-memory')).toHaveLength(0);
    expect(within(row('node-1')).getAllByRole('cell')).toHaveLength(8);
    expect(screen.getByTestId('daemonset-pod-metrics')).toHaveTextContent(
      'This cluster has no metrics API (metrics-server); CPU and memory are not shown',
    );
  });
});

describe('DaemonSetView updates', () => {
  it('shows a new answer in the memoised map and table, and the metrics that come after it', async () => {
    let answerMetrics: (m: DaemonSetPodMetrics) => void = () => {};
    const fetchApi = {
      fetch: () =>
        new Promise<Response>(resolve => {
          answerMetrics = m =>
            resolve(
              new Response(JSON.stringify(m), {
                status: 200,
                headers: { 'content-type': 'application/json' },
              }),
            );
        }),
    };
    const discoveryApi = { getBaseUrl: async () => BASE };
    let setReport: (r: DaemonSetStatusReport) => void = () => {};
    const Holder = () => {
      const [report, set] = useState(() =>
        makeReport([makeRow(1), makeRow(2, 'failing'), makeRow(3)]),
      );
      setReport = set;
      return <DaemonSetView report={report} />;
    };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [fetchApiRef, fetchApi],
          [discoveryApiRef, discoveryApi],
        ]}
      >
        <EntityProvider entity={entity}>
          <Holder />
        </EntityProvider>
      </TestApiProvider>,
    );
    const cell = (node: string) =>
      screen.getByRole('option', { name: new RegExp(`^${node}: `) });
    expect(row('node-2')).toHaveAttribute('data-verdict', 'failing');
    expect(cell('node-2')).toHaveAttribute('data-verdict', 'failing');
    // The note's line is held while the metrics are read.
    expect(
      screen.getByTestId('daemonset-pod-metrics-pending'),
    ).toBeInTheDocument();

    act(() =>
      setReport(
        makeReport([makeRow(1), makeRow(2), makeRow(3, 'missing'), makeRow(4)]),
      ),
    );
    expect(row('node-2')).toHaveAttribute('data-verdict', 'ok');
    expect(cell('node-2')).toHaveAttribute('data-verdict', 'ok');
    expect(row('node-3')).toHaveAttribute('data-verdict', 'missing');
    expect(shown()).toHaveLength(4);
    expect(screen.getByTestId('stat-desired')).toHaveTextContent('4');

    const pod4 = makeRow(4).pod!.name;
    await act(async () =>
      answerMetrics({
        available: true,
        pods: [{ name: pod4, cpuMillicores: 7, memoryBytes: 1024 ** 2 }],
      }),
    );
    await screen.findByTestId('daemonset-pod-metrics');
    expect(
      screen.queryByTestId('daemonset-pod-metrics-pending'),
    ).not.toBeInTheDocument();
    expect(headers()).toContain('CPU');
    expect(
      within(row('node-4')).getByTestId('daemonset-pod-cpu'),
    ).toHaveTextContent('7m');
  });
});
