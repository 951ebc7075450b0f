import { useState } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { makeRow } from '../../__testUtils__/fixtures';
import {
  NODE_ROW_HEIGHT,
  NODE_TABLE_VIEWPORT_ROWS,
  NodeTable,
  NodeTableProps,
} from './NodeTable';

type Control = { set?: (props: Partial<NodeTableProps>) => void };

/** A table whose props can be changed from the test, like DaemonSetView does. */
function Harness(props: { initial: NodeTableProps; control: Control }) {
  const [current, setCurrent] = useState(props.initial);
  props.control.set = next => setCurrent(c => ({ ...c, ...next }));
  return <NodeTable {...current} />;
}

async function renderTable(initial: NodeTableProps) {
  const control: Control = {};
  await renderInTestApp(<Harness initial={initial} control={control} />);
  const viewport = screen.getByTestId('daemonset-node-table-viewport');
  const rendered = () => screen.queryAllByTestId('daemonset-node-row');
  const rowIndexes = () =>
    rendered().map(r => Number(r.getAttribute('aria-rowindex')));
  const rowOf = (name: string) =>
    viewport.querySelector(`[data-node="${name}"]`) as HTMLElement | null;
  return {
    viewport,
    rendered,
    rowIndexes,
    rowOf,
    set: (next: Partial<NodeTableProps>) => act(() => control.set!(next)),
  };
}

const manyRows = (count: number) =>
  Array.from({ length: count }, (_, i) => makeRow(i + 1));

describe('NodeTable', () => {
  it('renders only the rows in view, in a viewport of at most 14 rows', async () => {
    const { viewport, rendered, rowIndexes, set } = await renderTable({
      rows: manyRows(200),
    });

    expect(screen.getByRole('table', { name: 'Nodes' })).toHaveAttribute(
      'aria-rowcount',
      '201',
    );
    expect(viewport).toHaveAttribute('role', 'rowgroup');
    expect(viewport.style.height).toBe(
      `${NODE_TABLE_VIEWPORT_ROWS * NODE_ROW_HEIGHT}px`,
    );
    const count = rendered().length;
    expect(count).toBeGreaterThanOrEqual(NODE_TABLE_VIEWPORT_ROWS);
    expect(count).toBeLessThan(40);
    // Header row is 1: the rows follow from 2, without a gap.
    expect(rowIndexes()).toEqual(
      Array.from({ length: count }, (_, i) => i + 2),
    );
    expect(rendered()[3].style.top).toBe(`${3 * NODE_ROW_HEIGHT}px`);
    expect(rendered()[3].style.height).toBe(`${NODE_ROW_HEIGHT}px`);
    expect(screen.getByText('Showing 200 of 200 nodes')).toBeInTheDocument();

    set({ rows: manyRows(3) });
    expect(rendered()).toHaveLength(3);
    expect(viewport.style.height).toBe(`${3 * NODE_ROW_HEIGHT}px`);
  });

  it('selects a row by click, Enter or Space', async () => {
    const onSelect = jest.fn();
    const { rowOf } = await renderTable({
      rows: [makeRow(1), makeRow(2, 'failing')],
      selectedNode: 'node-2',
      onSelect,
    });

    expect(rowOf('node-2')).toHaveAttribute('aria-selected', 'true');
    expect(rowOf('node-1')).toHaveAttribute('aria-selected', 'false');
    expect(
      screen.getByRole('row', { name: /^node-2: Failing/ }),
    ).toHaveAttribute('tabindex', '0');
    fireEvent.click(rowOf('node-1')!);
    fireEvent.keyDown(rowOf('node-2')!, { key: 'Enter' });
    fireEvent.keyDown(rowOf('node-1')!, { key: ' ' });
    fireEvent.keyDown(rowOf('node-1')!, { key: 'a' });
    expect(onSelect.mock.calls).toEqual([['node-1'], ['node-2'], ['node-1']]);
  });

  it('scrolls a selected node far down the list into view on request', async () => {
    const { viewport, rowOf, set } = await renderTable({
      rows: manyRows(200),
    });
    expect(rowOf('node-150')).toBeNull();

    set({ selectedNode: 'node-150', scrollRequest: 1 });

    expect(rowOf('node-150')).toHaveAttribute('aria-selected', 'true');
    const top = parseFloat(rowOf('node-150')!.style.top);
    // Centred in the viewport.
    expect(viewport.scrollTop).toBeGreaterThan(0);
    expect(
      Math.abs(
        top -
          viewport.scrollTop -
          (NODE_TABLE_VIEWPORT_ROWS * NODE_ROW_HEIGHT) / 2 +
          NODE_ROW_HEIGHT / 2,
      ),
    ).toBeLessThanOrEqual(NODE_ROW_HEIGHT);
  });

  it('clears the filters to show a filtered-out node selected from elsewhere', async () => {
    const { rowOf, set } = await renderTable({
      rows: [makeRow(1), makeRow(2, 'failing')],
    });
    fireEvent.click(screen.getByLabelText('Problems only'));
    expect(rowOf('node-1')).toBeNull();

    set({ selectedNode: 'node-1', scrollRequest: 1 });

    expect(rowOf('node-1')).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByText('Showing 2 of 2 nodes')).toBeInTheDocument();
  });

  it('shows the last rows, not a gap, when the list shrinks while scrolled down', async () => {
    const { rowIndexes, set } = await renderTable({ rows: manyRows(200) });
    set({ selectedNode: 'node-190', scrollRequest: 1 });

    set({ rows: manyRows(50) });

    // The viewport now ends at the last of the 50 rows: its 14 rows are all rendered.
    const shown = rowIndexes();
    const last = 50 + 1;
    for (let i = last - NODE_TABLE_VIEWPORT_ROWS + 1; i <= last; i++) {
      expect(shown).toContain(i);
    }
    expect(Math.max(...shown)).toBe(last);
  });
});
