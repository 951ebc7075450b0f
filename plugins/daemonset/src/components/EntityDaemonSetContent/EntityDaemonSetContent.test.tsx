import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { Entity } from '@backstage/catalog-model';
import { EntityDaemonSetStatus } from '@daemonsets/plugin-daemonset-common';
import { daemonSetApiRef } from '../../api';
import { EntityDaemonSetContent } from './EntityDaemonSetContent';
import {
  FakeDaemonSetApi,
  entity,
  entityWithoutAnnotation,
  makeCluster,
  makeReport,
  makeRow,
  makeStatus,
  responseError,
} from '../../__testUtils__/fixtures';

async function renderTab(
  initial: EntityDaemonSetStatus | Error,
  theEntity: Entity = entity,
) {
  const api = new FakeDaemonSetApi(initial);
  const result = await renderInTestApp(
    <TestApiProvider apis={[[daemonSetApiRef, api]]}>
      <EntityProvider entity={theEntity}>
        <EntityDaemonSetContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return Object.assign(api, { unmount: result.unmount });
}

const rowsIn = () => screen.queryAllByTestId('daemonset-node-row');
const rowFor = (node: string) =>
  screen.getByRole('row', { name: new RegExp(`^${node}:`) });

// Rendering MUI in jsdom is slow on a busy machine.
jest.setTimeout(30000);

describe('EntityDaemonSetContent', () => {
  it('shows a healthy fleet with every node ok and the live indicator', async () => {
    const rows = [1, 2, 3, 4, 5].map(i => makeRow(i));
    await renderTab(makeStatus([makeCluster('prod', [makeReport(rows)])]));

    expect(
      await screen.findByTestId('daemonset-tab-content'),
    ).toBeInTheDocument();
    await waitFor(() => expect(rowsIn()).toHaveLength(5));
    expect(rowsIn().every(r => r.getAttribute('data-verdict') === 'ok')).toBe(
      true,
    );
    expect(rowFor('node-3')).toBeInTheDocument();
    expect(screen.getByTestId('daemonset-live-indicator')).toHaveTextContent(
      /^Live$/,
    );
    expect(screen.getByLabelText('OK: 5')).toBeInTheDocument();
    expect(screen.getByTestId('daemonset-rollout')).toHaveTextContent(
      'up to date: 5/5 updated',
    );
    expect(screen.getAllByRole('option', { name: /: OK$/ })).toHaveLength(5);
    expect(screen.getByTestId('stat-desired')).toHaveTextContent('5');
    expect(
      screen.getByText('ghcr.io/example/node-agent:1.2.3'),
    ).toBeInTheDocument();
  });

  it('shows a rollout in progress against the maxUnavailable budget', async () => {
    const rows = Array.from({ length: 50 }, (_, i) =>
      makeRow(i, i < 13 ? 'progressing' : 'ok'),
    );
    const report = makeReport(rows, {
      desired: 50,
      updated: 37,
      available: 47,
      unavailable: 3,
      updateStrategy: { type: 'RollingUpdate', maxUnavailable: '10%' },
    });
    await renderTab(makeStatus([makeCluster('prod', [report])]));

    expect(await screen.findByTestId('daemonset-rollout')).toHaveTextContent(
      'updating: 37/50 updated, 3 unavailable of a budget of 5',
    );
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '74',
    );
    const progressing = rowFor('node-0');
    expect(progressing).toHaveAttribute('data-verdict', 'progressing');
    // The image per node, marked old while the pod runs an old revision.
    expect(
      within(progressing).getByText(/node-agent:1\.2\.3/),
    ).toHaveTextContent('node-agent:1.2.3old');
    expect(
      within(rowFor('node-20')).getByText('node-agent:1.2.3'),
    ).toBeInTheDocument();
  });

  it('shows a failing node with its reason, details, and the problems-only filter', async () => {
    const rows = [1, 2, 3, 4].map(i => makeRow(i, i === 3 ? 'failing' : 'ok'));
    rows.push(makeRow(5, 'notEligible'));
    await renderTab(makeStatus([makeCluster('prod', [makeReport(rows)])]));

    const failing = await screen.findByRole('row', {
      name: /^node-3: Failing/,
    });
    expect(
      within(failing).getByText('container agent: CrashLoopBackOff'),
    ).toBeInTheDocument();
    expect(rowsIn()).toHaveLength(5);

    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Problems only' }),
    );
    expect(rowsIn()).toHaveLength(1);
    expect(rowsIn()[0]).toHaveAttribute('data-node', 'node-3');

    // Row detail: containers, last termination, node conditions.
    await userEvent.click(rowsIn()[0]);
    // The details are loaded when a node is first opened.
    const detail = await screen.findByTestId('daemonset-node-detail');
    expect(
      within(detail).getByText(/back-off 5m0s restarting/),
    ).toBeInTheDocument();
    expect(within(detail).getByText(/Error, exit 1/)).toBeInTheDocument();
    expect(within(detail).getByText('KubeletReady')).toBeInTheDocument();

    // Search and the eligibility reasons of a not-eligible node.
    await userEvent.click(
      screen.getByRole('checkbox', { name: 'Problems only' }),
    );
    fireEvent.change(screen.getByTestId('daemonset-search'), {
      target: { value: 'node-5' },
    });
    expect(rowsIn()).toHaveLength(1);
    await userEvent.click(rowsIn()[0]);
    expect(
      within(screen.getByTestId('daemonset-node-detail')).getByText(
        'taint dedicated=gpu:NoSchedule not tolerated',
      ),
    ).toBeInTheDocument();
  });

  it('filters by node label and sorts by column', async () => {
    const rows = [1, 2, 3, 4].map(i => makeRow(i));
    await renderTab(makeStatus([makeCluster('prod', [makeReport(rows)])]));
    await screen.findByTestId('daemonset-node-table');

    fireEvent.change(screen.getByTestId('daemonset-label-filter'), {
      target: { value: 'topology.kubernetes.io/zone=zone-a' },
    });
    expect(rowsIn().map(r => r.getAttribute('data-node'))).toEqual([
      'node-1',
      'node-3',
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Node' }));
    await userEvent.click(screen.getByRole('button', { name: 'Node' }));
    expect(rowsIn().map(r => r.getAttribute('data-node'))).toEqual([
      'node-3',
      'node-1',
    ]);
  });

  it('explains a missing annotation', async () => {
    await renderTab(makeStatus([]), entityWithoutAnnotation);
    expect(
      await screen.findByText('No DaemonSet annotation on this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByTestId('daemonset-missing-annotation'),
    ).toHaveTextContent('backstage.io/kubernetes-id: node-agent');
  });

  it('explains that no DaemonSet matches, with the entity annotation', async () => {
    await renderTab(makeStatus([makeCluster('prod', [])]));
    expect(
      await screen.findByText('No DaemonSet found for this entity'),
    ).toBeInTheDocument();
    const panel = screen.getByTestId('daemonset-none-found');
    expect(panel).toHaveTextContent('backstage.io/kubernetes-id: node-agent');
    expect(panel).toHaveTextContent('No DaemonSet in prod matches');
  });

  it('explains a missing permission', async () => {
    await renderTab(await responseError(403, 'not allowed'));
    expect(
      await screen.findByText(
        "You don't have permission to view DaemonSet status (daemonset.status.read). Ask your Backstage admin.",
      ),
    ).toBeInTheDocument();
  });

  it('explains entity not found', async () => {
    const notFound = await renderTab(await responseError(404, 'nope'));
    expect(await screen.findByText('Entity not found')).toBeInTheDocument();
    expect(notFound).toBeDefined();
  });

  it('shows the backend message of a 400', async () => {
    await renderTab(
      await responseError(
        400,
        'Invalid label selector in backstage.io/kubernetes-label-selector',
      ),
    );
    expect(await screen.findByTestId('daemonset-error')).toHaveTextContent(
      'Invalid label selector in backstage.io/kubernetes-label-selector',
    );
  });

  it('says the backend is unreachable on a network error', async () => {
    await renderTab(new TypeError('Failed to fetch'));
    expect(
      await screen.findByText('DaemonSet backend unreachable'),
    ).toBeInTheDocument();
  });

  it('shows a cluster error in place beside a healthy cluster', async () => {
    const healthy = makeCluster('prod', [makeReport([makeRow(1), makeRow(2)])]);
    const broken = makeCluster('edge', [], {
      connection: {
        state: 'failed',
        since: '2024-05-01T12:00:00Z',
        reason: 'x',
      },
      error: { message: 'connect ECONNREFUSED 10.0.0.1:6443' },
    });
    await renderTab(makeStatus([healthy, broken]));

    const edge = await screen.findByTestId('daemonset-cluster-edge');
    expect(edge).toHaveTextContent('Could not read cluster edge');
    expect(edge).toHaveTextContent('connect ECONNREFUSED 10.0.0.1:6443');
    const prod = screen.getByTestId('daemonset-cluster-prod');
    // Titles come from GET /clusters; clusters without one show their name.
    expect(
      await within(prod).findByText('Cluster Production'),
    ).toBeInTheDocument();
    expect(within(edge).getByText('Cluster edge')).toBeInTheDocument();
    expect(within(prod).getAllByTestId('daemonset-node-row')).toHaveLength(2);
  });

  it('switches the live indicator to "Reconnecting — data as of …" on disconnect', async () => {
    const api = await renderTab(
      makeStatus([makeCluster('prod', [makeReport([makeRow(1)])])]),
    );
    const indicator = await screen.findByTestId('daemonset-live-indicator');
    await waitFor(() => expect(indicator).toHaveTextContent('Live'));

    api.setConnection({
      state: 'reconnecting',
      attempt: 1,
      retryInMs: 1000,
      error: new Error('network'),
    });
    expect(indicator).toHaveTextContent(
      /^Reconnecting — data as of \d\d:\d\d:\d\d$/,
    );
    const d = new Date('2024-05-01T12:03:41Z');
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(indicator).toHaveTextContent(
      `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
    );

    api.setConnection({ state: 'live' });
    expect(indicator).toHaveTextContent(/^Live$/);
  });

  it('applies a live update to a row without reload and unsubscribes on unmount', async () => {
    const rows = [1, 2, 3].map(i => makeRow(i));
    const api = await renderTab(
      makeStatus([makeCluster('prod', [makeReport(rows)])]),
    );
    expect(
      await screen.findByRole('row', { name: /^node-2: OK/ }),
    ).toBeInTheDocument();

    const changed = [makeRow(1), makeRow(2, 'failing'), makeRow(3)];
    api.emit(
      makeStatus(
        [makeCluster('prod', [makeReport(changed)])],
        '2024-05-01T12:04:00Z',
      ),
    );
    expect(rowFor('node-2')).toHaveAttribute('data-verdict', 'failing');
    expect(
      within(rowFor('node-2')).getByText('container agent: CrashLoopBackOff'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Failing: 1')).toBeInTheDocument();

    api.unmount();
    expect(api.unsubscribed).toBe(true);
  });

  it('renders 5000 nodes: all cells on the map, a window of rows in the table', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      makeRow(i, i % 1000 === 999 ? 'failing' : 'ok'),
    );
    await renderTab(makeStatus([makeCluster('prod', [makeReport(rows)])]));

    // Queries by test id and selector: role queries over 5000 cells are slow in jsdom.
    const map = await screen.findByTestId(
      'daemonset-node-map',
      {},
      { timeout: 10000 },
    );
    expect(map.querySelectorAll('[data-index]')).toHaveLength(5000);
    expect(
      map.querySelector('[role="listbox"]')?.getAttribute('aria-label'),
    ).toBe('Node map of node-agent: 5000 nodes');
    const rendered = rowsIn().length;
    expect(rendered).toBeGreaterThanOrEqual(14);
    expect(rendered).toBeLessThan(60);
    expect(screen.getByText('Showing 5000 of 5000 nodes')).toBeInTheDocument();

    // Clicking a cell far down the list scrolls the table to its row and highlights it.
    const cell = map.querySelector(
      '[aria-label="node-4321: OK"]',
    ) as HTMLElement;
    fireEvent.click(cell);
    expect(cell).toHaveAttribute('aria-selected', 'true');
    expect(
      map.querySelectorAll('[role="option"][aria-selected="true"]'),
    ).toHaveLength(1);
    const row = document.querySelector(
      '[data-testid="daemonset-node-row"][data-node="node-4321"]',
    );
    expect(row).toHaveAttribute('aria-selected', 'true');
    expect(
      await screen.findByTestId('daemonset-node-detail'),
    ).toHaveTextContent('node-4321');
    expect(rowsIn().length).toBeLessThan(60);
  }, 60000);
});
