import fc from 'fast-check';
import { parseProblemPath } from './problemPath';
import { formatPath, PathSegment } from './problems';

const segment: fc.Arbitrary<PathSegment> = fc.oneof(
  fc.nat(),
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.stringMatching(/^[A-Za-z_$][A-Za-z0-9_$]{0,8}$/),
  fc.constantFrom('0', '12', 'a.b', 'app.kubernetes.io/name', 'a"b', 'x\\y'),
);

describe('parseProblemPath', () => {
  it('reads the paths problems carry', () => {
    expect(parseProblemPath('')).toEqual([]);
    expect(parseProblemPath('name')).toEqual(['name']);
    expect(parseProblemPath('containers[0].image')).toEqual([
      'containers',
      0,
      'image',
    ]);
    expect(parseProblemPath('containers[1].resources.limits.cpu')).toEqual([
      'containers',
      1,
      'resources',
      'limits',
      'cpu',
    ]);
    expect(parseProblemPath('labels["app.kubernetes.io/name"]')).toEqual([
      'labels',
      'app.kubernetes.io/name',
    ]);
    expect(
      parseProblemPath('containers[0].resources.limits["nvidia.com/gpu"]'),
    ).toEqual(['containers', 0, 'resources', 'limits', 'nvidia.com/gpu']);
    expect(parseProblemPath('[2]')).toEqual([2]);
    expect(parseProblemPath('["0"]')).toEqual(['0']);
    expect(parseProblemPath('a[0][1]')).toEqual(['a', 0, 1]);
  });

  it('is the inverse of formatPath', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), segments => {
        expect(parseProblemPath(formatPath(segments))).toEqual(segments);
      }),
      { numRuns: 500 },
    );
  });

  it('gives back the same text when formatted again', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), segments => {
        const path = formatPath(segments);
        expect(formatPath(parseProblemPath(path))).toBe(path);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    '.a',
    'a.',
    'a..b',
    'a[',
    'a[]',
    'a[01]',
    'a[-1]',
    'a["b]',
    'a["b"',
    'a[b]',
    'a b',
    '0a',
    'a]',
  ])('refuses %j', path => {
    expect(() => parseProblemPath(path)).toThrow(/Invalid problem path/);
  });
});
