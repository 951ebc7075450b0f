import { makeRow } from '../../__testUtils__/fixtures';
import {
  DEFAULT_FILTERS,
  filterRows,
  nameOrderKey,
  sortRows,
} from './nodeTableModel';

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

  it('orders node names by their keys exactly as the collator does', () => {
    const collator = new Intl.Collator(undefined, {
      numeric: true,
      sensitivity: 'base',
    });
    // Seeded pseudo-random names over the node-name alphabet, digit runs with leading zeros.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const parts = ['a', 'b', 'z', '-', '.', '0', '00', '1', '9', '10', '007'];
    const generated = Array.from({ length: 400 }, () =>
      Array.from(
        { length: 1 + random(6) },
        () => parts[random(parts.length)],
      ).join(''),
    );
    generated.push(
      'node-2',
      'node-10',
      'node-0010',
      'ip-10-0-1-5.ec2.internal',
      'a',
      '',
    );
    const sign = (n: number) => Math.sign(n);
    const codeUnitOrder = (a: string, b: string) =>
      a < b ? -1 : Number(a > b);
    // Runs of more than 9 digits have no key (sortRows keeps the collator for them).
    const keyed = generated.filter(n => nameOrderKey(n) !== undefined);
    expect(keyed.length).toBeGreaterThan(300);
    for (const a of keyed) {
      for (const b of keyed.slice(0, 60)) {
        const ka = nameOrderKey(a)!;
        const kb = nameOrderKey(b)!;
        expect([a, b, sign(codeUnitOrder(ka, kb))]).toEqual([
          a,
          b,
          sign(collator.compare(a, b)),
        ]);
      }
    }
    // Names outside the alphabet, or numbers too long, keep the collator.
    expect(nameOrderKey('Node_1')).toBeUndefined();
    expect(nameOrderKey('n-12345678901')).toBeUndefined();
  });
});
