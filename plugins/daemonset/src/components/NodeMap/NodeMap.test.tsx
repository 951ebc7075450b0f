import { useState } from 'react';
import { act, fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { NodeRow } from '@daemonsets/plugin-daemonset-common';
import { makeRow } from '../../__testUtils__/fixtures';
import { NodeMap } from './NodeMap';

/** A map whose rows and selection can be changed from the test, like DaemonSetView does. */
function Harness(props: {
  initial: NodeRow[];
  control: { setRows?: (rows: NodeRow[]) => void };
  onSelect?: (name: string) => void;
}) {
  const [rows, setRows] = useState(props.initial);
  const [selected, setSelected] = useState<string | undefined>();
  props.control.setRows = setRows;
  return (
    <NodeMap
      rows={rows}
      selectedNode={selected}
      onSelect={name => {
        setSelected(name);
        props.onSelect?.(name);
      }}
      label="node-agent"
    />
  );
}

async function renderMap(rows: NodeRow[], onSelect?: (name: string) => void) {
  const control: { setRows?: (rows: NodeRow[]) => void } = {};
  await renderInTestApp(
    <Harness initial={rows} control={control} onSelect={onSelect} />,
  );
  const grid = screen.getByRole('listbox');
  const cell = (index: number) =>
    grid.querySelector(`[data-index="${index}"]`) as HTMLElement;
  return {
    grid,
    cell,
    setRows: (r: NodeRow[]) => act(() => control.setRows!(r)),
  };
}

describe('NodeMap', () => {
  it('renders one option per node, in order, named by node and verdict', async () => {
    const rows = [makeRow(1), makeRow(2, 'failing'), makeRow(3, 'missing')];
    const { grid } = await renderMap(rows);

    expect(grid).toHaveAttribute(
      'aria-label',
      'Node map of node-agent: 3 nodes',
    );
    const options = screen.getAllByRole('option');
    expect(options.map(o => o.getAttribute('aria-label'))).toEqual([
      'node-1: OK',
      'node-2: Failing',
      'node-3: Missing',
    ]);
    expect(options.map(o => o.getAttribute('data-verdict'))).toEqual([
      'ok',
      'failing',
      'missing',
    ]);
    // Unselected, without saying so on each of thousands of cells.
    expect(options.some(o => o.hasAttribute('aria-selected'))).toBe(false);
    expect(screen.getByLabelText('Failing: 1')).toBeInTheDocument();
  });

  it('selects a clicked cell: aria-selected, announced, and reported', async () => {
    const onSelect = jest.fn();
    const rows = [1, 2, 3, 4].map(i => makeRow(i));
    const { cell } = await renderMap(rows, onSelect);

    fireEvent.click(cell(2));
    expect(onSelect).toHaveBeenCalledWith('node-3');
    expect(cell(2)).toHaveAttribute('aria-selected', 'true');
    expect(
      screen.getByTestId('daemonset-node-map-selection'),
    ).toHaveTextContent('Selected node-3: OK');

    fireEvent.click(cell(0));
    expect(cell(2)).not.toHaveAttribute('aria-selected');
    expect(cell(0)).toHaveAttribute('aria-selected', 'true');
    expect(
      screen
        .getAllByRole('option')
        .filter(o => o.getAttribute('aria-selected') === 'true'),
    ).toHaveLength(1);
  });

  it('shows one shared tooltip for the hovered cell', async () => {
    const rows = [makeRow(1), makeRow(2, 'failing')];
    const { grid, cell } = await renderMap(rows);

    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
    fireEvent.mouseOver(cell(1));
    expect(screen.getAllByRole('tooltip')).toHaveLength(1);
    expect(screen.getByRole('tooltip')).toHaveTextContent('node-2');
    expect(screen.getByRole('tooltip')).toHaveTextContent('Failing');
    fireEvent.mouseOver(cell(0));
    expect(screen.getByRole('tooltip')).toHaveTextContent('node-1');
    fireEvent.mouseLeave(grid);
    expect(screen.queryByRole('tooltip')).not.toBeInTheDocument();
  });

  it('places the tooltip just below the hovered cell, measured from the box it is positioned in', async () => {
    const rows = [makeRow(1), makeRow(2, 'failing')];
    const { cell } = await renderMap(rows);
    // The map (the tooltip's containing box) and a cell, as a browser lays them out: the cell
    // lies below the legend, so its offset within the grid is not its place in the map.
    const map = screen.getByTestId('daemonset-node-map');
    jest
      .spyOn(map, 'getBoundingClientRect')
      .mockReturnValue(new DOMRect(100, 200, 600, 300));
    jest
      .spyOn(cell(1), 'getBoundingClientRect')
      .mockReturnValue(new DOMRect(160, 260, 8, 8));

    fireEvent.mouseOver(cell(1));
    const tooltip = screen.getByRole('tooltip');
    // 8 px left of the cell, 6 px below its bottom edge (268 - 200): beside it, not over it.
    expect(tooltip.style.left).toBe('52px');
    expect(tooltip.style.top).toBe('74px');
  });

  it('moves with the keyboard from the first problem and selects with Enter', async () => {
    const onSelect = jest.fn();
    const rows = [makeRow(1), makeRow(2), makeRow(3, 'failing'), makeRow(4)];
    const { grid, cell } = await renderMap(rows, onSelect);

    // The active cell, and only it, has the id the grid points at.
    const activeCell = () =>
      document.getElementById(grid.getAttribute('aria-activedescendant')!);
    expect(grid).not.toHaveAttribute('aria-activedescendant');
    fireEvent.focus(grid);
    expect(activeCell()).toBe(cell(2));
    fireEvent.keyDown(grid, { key: 'ArrowRight' });
    expect(activeCell()).toBe(cell(3));
    expect(grid.querySelectorAll('[id]')).toHaveLength(1);
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(activeCell()).toBe(cell(0));
    fireEvent.keyDown(grid, { key: 'End' });
    expect(activeCell()).toBe(cell(3));
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    fireEvent.keyDown(grid, { key: 'ArrowLeft' });
    expect(activeCell()).toBe(cell(0));
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onSelect).toHaveBeenCalledWith('node-1');
    expect(cell(0)).toHaveAttribute('aria-selected', 'true');
    fireEvent.blur(grid);
    expect(grid).not.toHaveAttribute('aria-activedescendant');
    expect(grid.querySelectorAll('[id]')).toHaveLength(0);
  });

  it('patches the cells of changed rows in place on a live update', async () => {
    const rows = [1, 2, 3].map(i => makeRow(i));
    const { cell, setRows } = await renderMap(rows);
    fireEvent.click(cell(1));
    const before = [0, 1, 2].map(cell);

    setRows([rows[0], makeRow(2, 'failing'), rows[2]]);
    expect([0, 1, 2].map(cell)).toEqual(before);
    expect(cell(1)).toHaveAttribute('data-verdict', 'failing');
    expect(cell(1)).toHaveAttribute('aria-label', 'node-2: Failing');
    expect(cell(1)).toHaveAttribute('aria-selected', 'true');
    expect(cell(1).className).not.toBe(cell(0).className);
    expect(screen.getByLabelText('Failing: 1')).toBeInTheDocument();
  });

  it('rebuilds the cells when nodes come or go, keeping the selection', async () => {
    const rows = [1, 2, 3].map(i => makeRow(i));
    const { grid, cell, setRows } = await renderMap(rows);
    fireEvent.click(cell(2));

    setRows([makeRow(0), ...rows]);
    expect(grid.querySelectorAll('[data-index]')).toHaveLength(4);
    expect(grid).toHaveAttribute(
      'aria-label',
      'Node map of node-agent: 4 nodes',
    );
    expect(cell(3)).toHaveAttribute('aria-label', 'node-3: OK');
    expect(cell(3)).toHaveAttribute('aria-selected', 'true');
    expect(cell(2)).not.toHaveAttribute('aria-selected');

    setRows([rows[0]]);
    expect(grid.querySelectorAll('[data-index]')).toHaveLength(1);
    expect(
      screen.getByTestId('daemonset-node-map-selection'),
    ).toBeEmptyDOMElement();
  });
});
