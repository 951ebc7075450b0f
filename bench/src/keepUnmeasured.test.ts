import { keepUnmeasured } from './keepUnmeasured';

const section = (runs: string, header: string, rows: string[]) =>
  [
    '<!-- begin -->',
    '',
    `Runs: ${runs}.`,
    '',
    header,
    '| ---: | ---: |',
    ...rows,
    '',
    '<!-- end -->',
  ].join('\n');

describe('keepUnmeasured', () => {
  const previous = section(
    '1000 nodes on day 1 (`a`); 5000 nodes on day 1 (`b`)',
    '| Nodes | Cold (ms) |',
    ['|  1000 |   941 |', '|  5000 |  2000 |'],
  );

  it('keeps the rows and runs of fleets the new results do not cover', () => {
    const next = section('5000 nodes on day 2 (`c`)', '| Nodes | Cold (ms) |', [
      '| 5000 | 1500 |',
    ]);
    const merged = keepUnmeasured(previous, next);
    expect(merged).toContain(
      'Runs: 5000 nodes on day 2 (`c`); 1000 nodes on day 1 (`a`).',
    );
    const rows = merged.split('\n').filter(l => /^\|\s*\d/.test(l));
    expect(rows).toEqual(['|  1000 |   941 |', '| 5000 | 1500 |']);
  });

  it('keeps everything when nothing was measured, and nothing of a table whose header changed', () => {
    const empty = section('', '| Nodes | Cold (ms) |', []);
    expect(keepUnmeasured(previous, empty)).toContain('|  1000 |   941 |');
    expect(keepUnmeasured(previous, empty)).toContain(
      'Runs: 1000 nodes on day 1 (`a`); 5000 nodes on day 1 (`b`).',
    );
    const reshaped = section('', '| Nodes | Warm (ms) |', []);
    expect(keepUnmeasured(previous, reshaped)).not.toContain('941');
  });
});
