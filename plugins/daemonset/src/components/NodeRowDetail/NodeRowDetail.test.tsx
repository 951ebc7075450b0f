import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { makeRow } from '../../__testUtils__/fixtures';
import { NodeRowDetail, describeConditions } from './NodeRowDetail';

function withNode(row: NodeRow, node: Partial<NodeRow['node']>): NodeRow {
  return { ...row, node: { ...row.node, ...node } };
}

describe('NodeRowDetail', () => {
  it('says all conditions are normal when a ready node lists none', async () => {
    await renderInTestApp(
      <NodeRowDetail row={withNode(makeRow(1), { conditions: [] })} />,
    );
    const detail = screen.getByTestId('daemonset-node-detail');
    expect(
      within(detail).getByTestId('daemonset-node-conditions-summary'),
    ).toHaveTextContent('All conditions normal');
    expect(
      within(detail).queryByRole('table', { name: 'Node conditions' }),
    ).not.toBeInTheDocument();
  });

  it('lists the abnormal conditions of a node', async () => {
    const row = withNode(makeRow(1, 'failing'), {
      ready: false,
      conditions: [
        {
          type: 'Ready',
          status: 'Unknown',
          reason: 'NodeStatusUnknown',
          message: 'Kubelet stopped posting node status.',
        },
        {
          type: 'DiskPressure',
          status: 'True',
          reason: 'KubeletHasDiskPressure',
        },
      ],
    });
    await renderInTestApp(<NodeRowDetail row={row} />);
    expect(
      screen.getByTestId('daemonset-node-conditions-summary'),
    ).toHaveTextContent('Ready Unknown, DiskPressure True');
    const table = screen.getByRole('table', { name: 'Node conditions' });
    expect(
      within(table).getByText(
        'NodeStatusUnknown: Kubelet stopped posting node status.',
      ),
    ).toBeInTheDocument();
    expect(within(table).getByText('DiskPressure')).toBeInTheDocument();
  });
});

describe('describeConditions', () => {
  const node = makeRow(1).node;

  it('ignores normal conditions sent by older backends', () => {
    expect(
      describeConditions({
        ...node,
        conditions: [
          { type: 'Ready', status: 'True' },
          { type: 'MemoryPressure', status: 'False' },
        ],
      }),
    ).toBe('All conditions normal');
  });

  it('explains a not-ready node without conditions', () => {
    expect(describeConditions({ ...node, ready: false, conditions: [] })).toBe(
      'Not ready (no condition reported)',
    );
  });
});
