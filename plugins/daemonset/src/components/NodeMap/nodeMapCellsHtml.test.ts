import { makeRow } from '../../__testUtils__/fixtures';
import { cellLabel, escapeHtml, nodeMapCellsHtml } from './nodeMapCellsHtml';

describe('nodeMapCellsHtml', () => {
  it('escapes node names', () => {
    const row = makeRow(1);
    row.node.name = '<img src=x onerror="alert(1)">&';
    const html = nodeMapCellsHtml([row], () => 'cell ok');
    const div = document.createElement('div');
    div.innerHTML = html;
    expect(div.querySelector('img')).toBeNull();
    expect(div.firstElementChild).toHaveAttribute(
      'aria-label',
      '<img src=x onerror="alert(1)">&: OK',
    );
    expect(div.firstElementChild).toHaveAttribute('class', 'cell ok');
    expect(escapeHtml(`a&b<c>"d'`)).toBe('a&amp;b&lt;c&gt;&quot;d&#39;');
  });

  it('renders one unselected option per row, in order, with the class of its verdict', () => {
    const rows = [makeRow(1), makeRow(2, 'failing'), makeRow(3)];
    const div = document.createElement('div');
    div.innerHTML = nodeMapCellsHtml(rows, v => `cell ${v}`);
    const cells = Array.from(div.children);
    expect(cells.map(c => c.getAttribute('data-index'))).toEqual([
      '0',
      '1',
      '2',
    ]);
    expect(cells.map(c => c.getAttribute('aria-label'))).toEqual(
      rows.map(cellLabel),
    );
    expect(cells.map(c => c.className)).toEqual([
      'cell ok',
      'cell failing',
      'cell ok',
    ]);
    expect(
      cells.every(
        c =>
          c.getAttribute('role') === 'option' &&
          !c.hasAttribute('aria-selected') &&
          !c.hasAttribute('id') &&
          !c.hasAttribute('style'),
      ),
    ).toBe(true);
    expect(nodeMapCellsHtml([], () => 'cell')).toBe('');
  });
});

describe('a node that is down or under pressure', () => {
  it('has its own mark and says so in its name, whatever its verdict', () => {
    const down = makeRow(1, 'notEligible');
    down.node = {
      ...down.node,
      ready: false,
      conditions: [{ type: 'Ready', status: 'Unknown' }],
    };
    const squeezed = makeRow(2, 'ok');
    squeezed.node = {
      ...squeezed.node,
      conditions: [{ type: 'MemoryPressure', status: 'True' }],
    };
    const grid = document.createElement('div');
    grid.innerHTML = nodeMapCellsHtml(
      [down, squeezed, makeRow(3)],
      v => `c-${v}`,
    );
    const cells = Array.from(grid.children);
    expect(cells.map(c => c.getAttribute('data-health'))).toEqual([
      'notReady',
      'pressure',
      null,
    ]);
    expect(cells.map(c => c.getAttribute('aria-label'))).toEqual([
      'node-1: Not eligible, node NotReady',
      'node-2: OK, node MemoryPressure',
      'node-3: OK',
    ]);
    expect(cells[0].className).toBe('c-notEligible');
  });
});
