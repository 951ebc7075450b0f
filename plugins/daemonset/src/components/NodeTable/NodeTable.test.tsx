import { useState } from 'react';
import { act, fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { useLocation } from 'react-router-dom';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { makeRow } from '../../__testUtils__/fixtures';
import { NODE_ROW_HEIGHT, NodeTable, NodeTableProps } from './NodeTable';
import { RENDER_ALL_LIMIT } from './useVisibleRange';

type Control = { set?: (props: Partial<NodeTableProps>) => void };

let lastSearch = '';
function LocationProbe() {
  lastSearch = useLocation().search;
  return null;
}

/** A table whose props can be changed from the test, like DaemonSetView does. */
function Harness(props: { initial: NodeTableProps; control: Control }) {
  const [current, setCurrent] = useState(props.initial);
  props.control.set = next => setCurrent(c => ({ ...c, ...next }));
  return (
    <>
      <NodeTable {...current} />
      <LocationProbe />
    </>
  );
}

async function renderTable(initial: NodeTableProps, url = '/') {
  const control: Control = {};
  await renderInTestApp(<Harness initial={initial} control={control} />, {
    routeEntries: [url],
  });
  const viewport = screen.getByTestId('daemonset-node-table-viewport');
  const rendered = () => screen.queryAllByTestId('daemonset-node-row');
  const rowIndexes = () =>
    rendered().map(r => Number(r.getAttribute('aria-rowindex')));
  const rowOf = (name: string) =>
    viewport.querySelector(`[data-node="${name}"]`) as HTMLElement | null;
  const shown = () => rendered().map(r => r.getAttribute('data-node'));
  return {
    viewport,
    rendered,
    rowIndexes,
    rowOf,
    shown,
    set: (next: Partial<NodeTableProps>) => act(() => control.set!(next)),
  };
}

const manyRows = (count: number) =>
  Array.from({ length: count }, (_, i) => makeRow(i + 1));

const cordoned = (index: number): NodeRow => {
  const row = makeRow(index);
  return { ...row, node: { ...row.node, schedulable: false } };
};

// The first render boots the test app and MUI's styles: slower than the 5 s default in jsdom.
jest.setTimeout(30000);

describe('NodeTable', () => {
  it('renders every row of a fleet up to the limit, in the page’s scroll', async () => {
    const { viewport, rendered, rowIndexes, set } = await renderTable({
      rows: manyRows(200),
    });
    expect(screen.getByRole('table', { name: 'Nodes' })).toHaveAttribute(
      'aria-rowcount',
      '201',
    );
    expect(viewport).toHaveAttribute('role', 'rowgroup');
    expect(viewport.style.height).toBe(`${200 * NODE_ROW_HEIGHT}px`);
    expect(rendered()).toHaveLength(200);
    expect(rowIndexes()).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
    expect(rendered()[3].style.top).toBe(`${3 * NODE_ROW_HEIGHT}px`);
    expect(screen.getByText('Showing 200 of 200 nodes')).toBeInTheDocument();

    set({ rows: manyRows(3) });
    expect(rendered()).toHaveLength(3);
    expect(viewport.style.height).toBe(`${3 * NODE_ROW_HEIGHT}px`);
  });

  it('renders only the rows near the window for a large fleet', async () => {
    const { rendered, rowIndexes } = await renderTable({
      rows: manyRows(RENDER_ALL_LIMIT * 4),
    });
    const count = rendered().length;
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(60);
    expect(rowIndexes()).toEqual(
      Array.from({ length: count }, (_, i) => i + 2),
    );
  });

  it('renders only the first lines of a large fleet whose table starts below the window', async () => {
    // The table under a big node map: its top far below the bottom of jsdom's 768 px window.
    const measure = jest
      .spyOn(HTMLElement.prototype, 'getBoundingClientRect')
      .mockImplementation(function rect(this: HTMLElement) {
        return this.dataset.testid === 'daemonset-node-table-viewport'
          ? new DOMRect(0, 3000, 800, 4 * RENDER_ALL_LIMIT * NODE_ROW_HEIGHT)
          : new DOMRect(0, 0, 0, 0);
      });
    try {
      const { rowIndexes } = await renderTable({
        rows: manyRows(RENDER_ALL_LIMIT * 4),
      });
      // The overscan, ready for a scroll down to the table; nothing of the window's height.
      expect(rowIndexes()).toEqual(Array.from({ length: 10 }, (_, i) => i + 2));
    } finally {
      measure.mockRestore();
    }
  });

  it('is one Tab stop: arrows, Home and End move focus, Enter and Space select', async () => {
    const onSelect = jest.fn();
    const { rowOf, rendered } = await renderTable({
      rows: manyRows(RENDER_ALL_LIMIT + 50),
      onSelect,
    });
    const tabbable = () =>
      rendered().filter(r => r.getAttribute('tabindex') === '0');
    expect(tabbable().map(r => r.dataset.node)).toEqual(['node-1']);

    act(() => rowOf('node-1')!.focus());
    fireEvent.keyDown(rowOf('node-1')!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rowOf('node-2'));
    expect(tabbable().map(r => r.dataset.node)).toEqual(['node-2']);
    fireEvent.keyDown(rowOf('node-2')!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rowOf('node-1'));

    // End reaches the last row even though it is far outside the window.
    fireEvent.keyDown(rowOf('node-1')!, { key: 'End' });
    expect(document.activeElement).toBe(rowOf(`node-${RENDER_ALL_LIMIT + 50}`));
    fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(document.activeElement).toBe(rowOf('node-1'));
    fireEvent.keyDown(rowOf('node-1')!, { key: ' ' });
    fireEvent.click(rowOf('node-3')!);
    fireEvent.keyDown(rowOf('node-1')!, { key: 'a' });
    expect(onSelect.mock.calls).toEqual([
      [`node-${RENDER_ALL_LIMIT + 50}`],
      ['node-1'],
      ['node-3'],
    ]);
  });

  it('finds rows by everything they show: flags, label values, short label keys, images', async () => {
    const rows = [makeRow(1), cordoned(2), makeRow(3, 'failing')];
    const { shown } = await renderTable({ rows });
    const search = screen.getByTestId('daemonset-search');
    fireEvent.change(search, { target: { value: 'cordoned' } });
    expect(shown()).toEqual(['node-2']);
    expect(lastSearch).toContain('q=cordoned');
    fireEvent.change(search, { target: { value: 'crashloop' } });
    expect(shown()).toEqual(['node-3']);
    fireEvent.change(search, { target: { value: '' } });

    const label = screen.getByTestId('daemonset-label-filter');
    fireEvent.change(label, { target: { value: 'zone=zone-b' } });
    expect(shown()).toEqual(['node-2']);
    fireEvent.change(label, { target: { value: 'zone-a' } });
    expect(shown()).toEqual(['node-3', 'node-1']);
    fireEvent.change(label, { target: { value: 'zone=zone-c' } });
    expect(shown()).toEqual([]);
    expect(screen.getByText('No nodes match the filters.')).toBeInTheDocument();
    // The label filter's visible label names its input.
    expect(screen.getByLabelText('Node label')).toBe(label);
  });

  it('filters by verdict through the filter bar’s select, and sorts from the column buttons', async () => {
    const rows = [makeRow(1), makeRow(2, 'failing'), makeRow(3, 'failing')];
    const { shown } = await renderTable({ rows });
    const bar = screen.getByRole('search', { name: 'Filter nodes' });
    const verdict = within(bar).getByRole('button', {
      name: 'Verdict All verdicts',
    });
    fireEvent.mouseDown(verdict);
    fireEvent.click(screen.getByRole('option', { name: 'Failing' }));
    expect(shown()).toEqual(['node-2', 'node-3']);
    expect(lastSearch).toContain('verdict=failing');
    expect(
      within(bar).getByRole('button', { name: /^Verdict/ }),
    ).toHaveTextContent('Failing');

    const node = screen.getByRole('columnheader', { name: 'Node' });
    expect(node).toHaveAttribute('aria-sort', 'none');
    fireEvent.click(within(node).getByRole('button', { name: 'Node' }));
    expect(node).toHaveAttribute('aria-sort', 'ascending');
    fireEvent.click(within(node).getByRole('button', { name: 'Node' }));
    expect(node).toHaveAttribute('aria-sort', 'descending');
    expect(shown()).toEqual(['node-3', 'node-2']);
  });

  it('says there are no problems rather than that nothing matches', async () => {
    await renderTable({ rows: [makeRow(1), makeRow(2, 'notEligible')] });
    fireEvent.click(screen.getByLabelText('Problems only'));
    expect(
      screen.getByText('No problems: every node is OK or not eligible.'),
    ).toBeInTheDocument();
  });

  it('restores filters and sort from the URL', async () => {
    const { shown } = await renderTable(
      { rows: [makeRow(1), makeRow(2, 'failing'), makeRow(3), cordoned(4)] },
      '/?label=zone%3Dzone-a&sort=node%3Adesc',
    );
    expect(shown()).toEqual(['node-3', 'node-1']);
    expect(screen.getByTestId('daemonset-label-filter')).toHaveValue(
      'zone=zone-a',
    );
    expect(screen.getByRole('columnheader', { name: 'Node' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
  });

  it('groups rows by a label with counts, and folds a group from the keyboard', async () => {
    const rows = [makeRow(1), makeRow(2, 'failing'), makeRow(3), makeRow(4)];
    const { shown } = await renderTable(
      { rows },
      '/?group=topology.kubernetes.io%2Fzone',
    );
    const groups = screen.getAllByTestId('daemonset-node-group');
    expect(groups.map(g => g.getAttribute('aria-label'))).toEqual([
      'zone=zone-a: 2 nodes — OK 2',
      'zone=zone-b: 2 nodes — Failing 1, OK 1',
    ]);
    expect(shown()).toEqual(['node-1', 'node-3', 'node-2', 'node-4']);
    expect(screen.getByRole('table', { name: 'Nodes' })).toHaveAttribute(
      'aria-rowcount',
      '7',
    );
    act(() => groups[0].focus());
    fireEvent.keyDown(groups[0], { key: 'Enter' });
    expect(shown()).toEqual(['node-2', 'node-4']);
    expect(lastSearch).toContain('collapsed=');
    const folded = screen.getAllByTestId('daemonset-node-group')[0];
    expect(folded).toHaveAttribute('aria-expanded', 'false');
    fireEvent.keyDown(folded, { key: 'ArrowRight' });
    expect(shown()).toEqual(['node-1', 'node-3', 'node-2', 'node-4']);
    expect(
      within(screen.getByTestId('daemonset-node-table')).getAllByRole('row'),
    ).toHaveLength(7);
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
});
