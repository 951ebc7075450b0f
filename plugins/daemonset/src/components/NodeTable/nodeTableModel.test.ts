import { makeRow } from '../../__testUtils__/fixtures';
import { DEFAULT_FILTERS, filterRows, sortRows } from './nodeTableModel';

describe('nodeTableModel', () => {
  const rows = [
    makeRow(1, 'ok'),
    makeRow(2, 'failing'),
    makeRow(3, 'notEligible'),
    makeRow(4, 'missing'),
    makeRow(10, 'progressing'),
  ];
  const names = (r: typeof rows) => r.map(x => x.node.name);

  it('keeps problems only', () => {
    expect(
      names(filterRows(rows, { ...DEFAULT_FILTERS, problemsOnly: true })),
    ).toEqual(['node-2', 'node-4', 'node-10']);
  });

  it('filters by verdict, label and search', () => {
    expect(
      names(filterRows(rows, { ...DEFAULT_FILTERS, verdict: 'missing' })),
    ).toEqual(['node-4']);
    expect(
      names(
        filterRows(rows, {
          ...DEFAULT_FILTERS,
          label: 'topology.kubernetes.io/zone=zone-a, kubernetes.io/os',
        }),
      ),
    ).toEqual(['node-1', 'node-3']);
    expect(
      names(filterRows(rows, { ...DEFAULT_FILTERS, search: 'CRASHLOOP' })),
    ).toEqual(['node-2']);
  });

  it('sorts worst verdict first, names naturally, and both directions', () => {
    expect(
      names(sortRows(rows, { column: 'verdict', direction: 'asc' })),
    ).toEqual(['node-2', 'node-4', 'node-10', 'node-1', 'node-3']);
    expect(
      names(sortRows(rows, { column: 'node', direction: 'desc' })),
    ).toEqual(['node-10', 'node-4', 'node-3', 'node-2', 'node-1']);
    expect(
      names(sortRows(rows, { column: 'restarts', direction: 'desc' })).slice(
        0,
        1,
      ),
    ).toEqual(['node-2']);
  });
});
