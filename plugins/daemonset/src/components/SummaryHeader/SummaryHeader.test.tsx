import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { makeReport, makeRow } from '../../__testUtils__/fixtures';
import { SummaryHeader } from './SummaryHeader';

describe('SummaryHeader', () => {
  it('names the DaemonSet once and shows counts, strategy, placement and actions', async () => {
    const report = makeReport([makeRow(1), makeRow(2, 'failing')], {
      desired: 2,
      ready: 1,
      updated: 2,
      available: 1,
      unavailable: 1,
      updateStrategy: {
        type: 'RollingUpdate',
        maxUnavailable: '50%',
        maxSurge: 0,
      },
      placement: {
        nodeSelector: { 'daemonsets.dev/pool': 'gpu' },
        tolerations: ['dedicated=gpu:NoSchedule'],
        requiredNodeAffinity: false,
      },
    });
    await renderInTestApp(
      <SummaryHeader report={report} actions={<button>Edit</button>} />,
    );
    expect(screen.getAllByRole('heading')).toHaveLength(1);
    expect(screen.getByTestId('stat-unavailable')).toHaveTextContent(
      'Unavailable1',
    );
    expect(screen.getByTestId('daemonset-strategy')).toHaveTextContent(
      'RollingUpdate, max unavailable 50% (1 of 2), max surge 0',
    );
    expect(screen.getByTestId('daemonset-node-selector')).toHaveTextContent(
      'daemonsets.dev/pool=gpu',
    );
    expect(screen.getByTestId('daemonset-tolerations')).toHaveTextContent(
      'dedicated=gpu:NoSchedule',
    );
    expect(screen.getByTestId('daemonset-header-actions')).toContainElement(
      screen.getByRole('button', { name: 'Edit' }),
    );
  });

  it('draws a finished rollout in a neutral bar, a running one in the primary colour', async () => {
    const done = makeReport([makeRow(1)], { desired: 1, updated: 1 });
    const { unmount } = await renderInTestApp(<SummaryHeader report={done} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'data-state',
      'complete',
    );
    expect(screen.queryByTestId('daemonset-header-actions')).toBeNull();
    unmount();
    const running = makeReport([makeRow(1)], { desired: 2, updated: 1 });
    await renderInTestApp(<SummaryHeader report={running} />);
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'data-state',
      'in-progress',
    );
  });
});
