import { fireEvent, render, screen, within } from '@testing-library/react';
import { makeRow } from '../../__testUtils__/fixtures';
import { GroupBySelect } from './GroupBySelect';

function rowWith(i: number, labels: Record<string, string>) {
  const row = makeRow(i);
  return { ...row, node: { ...row.node, labels } };
}

const rows = [
  rowWith(1, {
    'kubernetes.io/hostname': 'node-1',
    'topology.kubernetes.io/zone': 'a',
    team: 'x',
  }),
  rowWith(2, { 'daemonsets.dev/pool': 'gpu', 'kubernetes.io/hostname': 'n2' }),
];

const open = () =>
  fireEvent.mouseDown(screen.getByTestId('daemonset-group-by'));
const options = () =>
  within(screen.getByRole('listbox'))
    .getAllByRole('option')
    .map(o => o.textContent);

describe('GroupBySelect', () => {
  it("offers the fleet's label keys, preferred first, once opened, and reports the choice", () => {
    const onChange = jest.fn();
    render(<GroupBySelect rows={rows} value="" onChange={onChange} />);
    open();
    expect(options()).toEqual([
      'No grouping',
      'daemonsets.dev/pool',
      'topology.kubernetes.io/zone',
      'team',
    ]);
    fireEvent.click(screen.getByRole('option', { name: 'team' }));
    expect(onChange).toHaveBeenCalledWith('team');
  });

  it('shows a chosen key before the menu is opened, and a key the fleet lacks after', () => {
    const { rerender } = render(
      <GroupBySelect
        rows={rows}
        value="daemonsets.dev/pool"
        onChange={() => {}}
      />,
    );
    expect(screen.getByTestId('daemonset-group-by')).toHaveTextContent(
      'daemonsets.dev/pool',
    );
    rerender(<GroupBySelect rows={rows} value="rack" onChange={() => {}} />);
    open();
    expect(options()).toEqual([
      'No grouping',
      'rack',
      'daemonsets.dev/pool',
      'topology.kubernetes.io/zone',
      'team',
    ]);
  });
});
