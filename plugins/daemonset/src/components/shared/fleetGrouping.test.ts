import { makeRow } from '../../__testUtils__/fixtures';
import { groupKeyOptions, groupRows, groupTitle } from './fleetGrouping';

describe('fleetGrouping', () => {
  const pool = (index: number, value?: string, verdict: any = 'ok') => {
    const row = makeRow(index, verdict);
    const labels: Record<string, string> = {
      ...row.node.labels,
      'kubernetes.io/hostname': row.node.name,
    };
    if (value) labels['daemonsets.dev/pool'] = value;
    return { ...row, node: { ...row.node, labels } };
  };

  it('groups by a label value in natural order, nodes without it last, with counts', () => {
    const rows = [
      pool(1, 'gpu', 'failing'),
      pool(2),
      pool(3, 'general'),
      pool(4, 'gpu'),
    ];
    const groups = groupRows(rows, 'daemonsets.dev/pool');
    expect(
      groups.map(g => [
        groupTitle('daemonsets.dev/pool', g),
        g.rows.map(r => r.node.name),
        g.counts,
      ]),
    ).toEqual([
      ['pool=general', ['node-3'], { ok: 1 }],
      ['pool=gpu', ['node-1', 'node-4'], { failing: 1, ok: 1 }],
      ['no pool label', ['node-2'], { ok: 1 }],
    ]);
  });

  it('offers the fleet’s label keys, pool and zone first, never the hostname', () => {
    expect(groupKeyOptions([pool(1, 'gpu'), pool(2)])).toEqual([
      'daemonsets.dev/pool',
      'topology.kubernetes.io/zone',
      'kubernetes.io/os',
    ]);
  });
});
