import { Verdict } from '@daemonsets/plugin-daemonset-common';
import { makeRow } from '../../__testUtils__/fixtures';
import { moveMark, syncCells } from './syncCells';

const classFor = (verdict: Verdict) => `cell ${verdict}`;

function build(rows = [1, 2, 3].map(i => makeRow(i))) {
  const grid = document.createElement('div');
  const first = { rows, classFor };
  syncCells(grid, first, undefined);
  return { grid, first, cells: () => Array.from(grid.children) };
}

describe('syncCells', () => {
  it('builds one cell per row when nothing was rendered before', () => {
    const { cells } = build();
    expect(cells().map(c => c.getAttribute('aria-label'))).toEqual([
      'node-1: OK',
      'node-2: OK',
      'node-3: OK',
    ]);
  });

  it('patches only the changed cell, keeping the elements and their marks', () => {
    const { grid, first, cells } = build();
    const before = cells();
    before[0].setAttribute('aria-selected', 'true');
    const rows = [first.rows[0], makeRow(2, 'failing'), first.rows[2]];

    syncCells(grid, { rows, classFor }, first);

    expect(cells().every((c, i) => c === before[i])).toBe(true);
    expect(before[1]).toHaveAttribute('data-verdict', 'failing');
    expect(before[1]).toHaveAttribute('aria-label', 'node-2: Failing');
    expect(before[1].className).toBe('cell failing');
    expect(before[0]).toHaveAttribute('aria-selected', 'true');
    expect(before[2].className).toBe('cell ok');
  });

  it('rebuilds all cells when a node changes place, comes or goes, or the classes change', () => {
    const { grid, first, cells } = build();
    const swapped = [first.rows[1], first.rows[0], first.rows[2]];
    const before = cells();
    syncCells(grid, { rows: swapped, classFor }, first);
    expect(cells()[0]).not.toBe(before[0]);
    expect(cells().map(c => c.getAttribute('aria-label'))).toEqual([
      'node-2: OK',
      'node-1: OK',
      'node-3: OK',
    ]);

    const shorter = { rows: swapped.slice(0, 2), classFor };
    syncCells(grid, shorter, { rows: swapped, classFor });
    expect(cells()).toHaveLength(2);

    const otherClasses = (v: Verdict) => `other ${v}`;
    syncCells(grid, { rows: shorter.rows, classFor: otherClasses }, shorter);
    expect(cells().map(c => c.className)).toEqual(['other ok', 'other ok']);
  });
});

describe('moveMark', () => {
  it('marks the new element, unmarks the one before, and re-applies to the same one', () => {
    const a = document.createElement('div');
    const b = document.createElement('div');
    const marked: { current: Element | undefined } = { current: undefined };
    const apply = (el: Element, on: boolean) =>
      el.setAttribute('data-on', String(on));

    moveMark(marked, a, apply);
    expect(a).toHaveAttribute('data-on', 'true');
    moveMark(marked, b, apply);
    expect(a).toHaveAttribute('data-on', 'false');
    expect(b).toHaveAttribute('data-on', 'true');
    b.setAttribute('data-on', 'false');
    moveMark(marked, b, apply);
    expect(b).toHaveAttribute('data-on', 'true');
    moveMark(marked, undefined, apply);
    expect(b).toHaveAttribute('data-on', 'false');
    expect(marked.current).toBeUndefined();
  });
});
