import { act, screen, within } from '@testing-library/react';
import {
  FakeDaemonSetApi,
  makePlacement,
  responseError,
} from '../../__testUtils__/fixtures';
import { renderField } from '../__testUtils__/renderField';
import { DaemonSetPlacementPreview } from './DaemonSetPlacementPreview';
import { PLACEMENT_DEBOUNCE_MS } from './usePlacementPreview';

const form = {
  cluster: 'local',
  namespace: 'daemonset-demo',
  serverlessBursting: false,
  scheduling: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
  containers: [
    {
      name: 'agent',
      image: 'ghcr.io/acme/agent',
      env: [{ name: 'TOKEN', value: 'do-not-send' }],
      resources: { requests: { cpu: 0.25, memory: '512Mi' } },
    },
  ],
};

function renderPreview(api: FakeDaemonSetApi, data: Record<string, unknown>) {
  return renderField(DaemonSetPlacementPreview, {
    api,
    name: 'placementPreview',
    schema: { type: 'null', title: 'Placement preview' },
    form: data,
  });
}

const region = () => screen.getByRole('status', { name: 'Placement preview' });

async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

describe('DaemonSetPlacementPreview', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks for a cluster first and calls nothing', async () => {
    const api = new FakeDaemonSetApi();
    renderPreview(api, { ...form, cluster: undefined });
    await advance(1000);
    expect(
      within(region()).getByTestId('daemonset-placement-message'),
    ).toHaveTextContent(
      'Choose a cluster to see on which of its nodes the DaemonSet would run.',
    );
    expect(api.placementCalls).toHaveLength(0);
  });

  it('waits for a pause in the changes, then sends only the placement fields', async () => {
    const api = new FakeDaemonSetApi();
    const { setForm } = renderPreview(api, form);
    await advance(PLACEMENT_DEBOUNCE_MS - 1);
    expect(api.placementCalls).toHaveLength(0);
    // Unrelated changes do not restart the wait or start a request.
    act(() => setForm({ ...form, namespace: 'default' }));
    await advance(1);
    expect(api.placementCalls).toHaveLength(1);
    expect(api.placementCalls[0].cluster).toBe('local');
    expect(api.placementCalls[0].input).toEqual({
      serverlessBursting: false,
      scheduling: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
      containers: [
        {
          name: 'agent',
          resources: { requests: { cpu: 0.25, memory: '512Mi' } },
        },
      ],
    });

    // Three quick edits make one request.
    for (const zone of ['a', 'b', 'c']) {
      act(() =>
        setForm({
          ...form,
          scheduling: { nodeSelector: { zone } },
        }),
      );
      await advance(100);
    }
    expect(api.placementCalls).toHaveLength(1);
    await advance(PLACEMENT_DEBOUNCE_MS);
    expect(api.placementCalls).toHaveLength(2);
    expect(api.placementCalls[1].input.scheduling).toEqual({
      nodeSelector: { zone: 'c' },
    });
  });

  it('aborts the request of an older state and ignores its answer', async () => {
    const api = new FakeDaemonSetApi();
    const { setForm } = renderPreview(api, form);
    await advance(PLACEMENT_DEBOUNCE_MS);
    const stale = api.placementCalls[0];
    act(() => setForm({ ...form, serverlessBursting: true }));
    expect(stale.signal?.aborted).toBe(true);
    await act(async () => stale.resolve(makePlacement({ eligibleNodes: 1 })));
    expect(screen.queryByTestId('daemonset-placement-summary')).toBeNull();

    await advance(PLACEMENT_DEBOUNCE_MS);
    expect(api.placementCalls).toHaveLength(2);
    expect(api.placementCalls[1].signal?.aborted).toBe(false);
    await act(async () => api.placementCalls[1].resolve(makePlacement()));
    expect(screen.getByTestId('daemonset-placement-summary')).toHaveTextContent(
      'Will run on 18 of 30 nodes',
    );
  });

  it('shows progress, then the counts, the excluded groups and the fleet cost', async () => {
    const api = new FakeDaemonSetApi();
    renderPreview(api, form);
    expect(region()).toHaveAttribute('aria-busy', 'true');
    expect(
      within(region()).getByRole('progressbar', {
        name: 'Updating the placement preview',
      }),
    ).toBeInTheDocument();
    await advance(PLACEMENT_DEBOUNCE_MS);
    await act(async () =>
      api.placementCalls[0].resolve(
        makePlacement({
          excluded: [
            ...makePlacement().excluded,
            {
              kind: 'unschedulable',
              reason: 'node is cordoned (unschedulable)',
              count: 1,
              examples: ['node-7'],
            },
          ],
        }),
      ),
    );
    expect(region()).toHaveAttribute('aria-busy', 'false');
    expect(screen.queryByTestId('daemonset-placement-loading')).toBeNull();
    expect(
      within(region()).getByTestId('daemonset-placement-summary'),
    ).toHaveTextContent('Will run on 18 of 30 nodes');
    const groups = within(
      within(region()).getByRole('list', { name: 'Excluded nodes' }),
    ).getAllByRole('listitem');
    expect(groups.map(g => g.textContent)).toEqual([
      '12 nodes: taint dedicated=gpu:NoSchedule not tolerated' +
        'e.g. gpu-1, gpu-2, gpu-3, gpu-4, gpu-5, …',
      '1 node: node is cordoned (unschedulable)e.g. node-7',
    ]);
    expect(
      within(region()).getByTestId('daemonset-placement-cost'),
    ).toHaveTextContent(
      'Reserves 0.25 CPU and 512 MiB memory per pod × 18 nodes = 4.5 cores and 9 GiB memory across the fleet.',
    );
  });

  it('keeps the last answer visible while a new one loads', async () => {
    const api = new FakeDaemonSetApi();
    const { setForm } = renderPreview(api, form);
    await advance(PLACEMENT_DEBOUNCE_MS);
    await act(async () => api.placementCalls[0].resolve(makePlacement()));
    act(() => setForm({ ...form, serverlessBursting: true }));
    expect(region()).toHaveAttribute('aria-busy', 'true');
    expect(screen.getByTestId('daemonset-placement-summary')).toHaveTextContent(
      'Will run on 18 of 30 nodes',
    );
  });

  it('says when the cluster is unreachable', async () => {
    const api = new FakeDaemonSetApi();
    renderPreview(api, form);
    await advance(PLACEMENT_DEBOUNCE_MS);
    const error = await responseError(
      503,
      'cluster local: connect ECONNREFUSED 127.0.0.1:6443',
    );
    await act(async () => api.placementCalls[0].reject(error));
    expect(
      within(region()).getByTestId('daemonset-placement-message'),
    ).toHaveTextContent(
      'Cluster local is unreachable: cluster local: connect ECONNREFUSED 127.0.0.1:6443',
    );
    expect(screen.queryByTestId('daemonset-placement-summary')).toBeNull();
  });

  it('shows other failures with the reason', async () => {
    const api = new FakeDaemonSetApi();
    renderPreview(api, form);
    await advance(PLACEMENT_DEBOUNCE_MS);
    await act(async () =>
      api.placementCalls[0].reject(await responseError(403, 'not allowed')),
    );
    expect(screen.getByTestId('daemonset-placement-message')).toHaveTextContent(
      'Could not preview the placement on local: not allowed',
    );
  });
});
