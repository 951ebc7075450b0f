import {
  canonicalQuantity,
  isExtendedResource,
  parseQuantityString,
} from './quantity';

describe('canonicalQuantity', () => {
  it.each([
    [0.25, 'cpu', '250m'],
    [0.1, 'cpu', '100m'],
    [1, 'cpu', '1'],
    [1.5, 'cpu', '1500m'],
    [2000, 'cpu', '2k'],
    ['250m', 'cpu', '250m'],
    ['1000m', 'cpu', '1'],
    ['0.5', 'cpu', '500m'],
    ['.5', 'cpu', '500m'],
    ['1e3', 'cpu', '1k'],
    ['0.0000000001', 'cpu', '1n'],
    ['100u', 'cpu', '100u'],
    ['0', 'cpu', '0'],
    [536870912, 'memory', '512Mi'],
    [1073741824, 'memory', '1Gi'],
    [1000000, 'memory', '1M'],
    [1536, 'memory', '1536'],
    [500, 'memory', '500'],
    ['512Mi', 'memory', '512Mi'],
    ['0.5Gi', 'memory', '512Mi'],
    ['1.5Gi', 'memory', '1536Mi'],
    ['1.5Ki', 'memory', '1536'],
    ['1024Mi', 'memory', '1Gi'],
    ['1024Ki', 'memory', '1Mi'],
    ['0.5Ki', 'memory', '512'],
    ['1G', 'memory', '1G'],
    ['1500M', 'memory', '1500M'],
    [2, 'nvidia.com/gpu', '2'],
  ] as Array<[number | string, string, string]>)(
    '%p as %s is %s',
    (value, resource, expected) => {
      expect(canonicalQuantity(value, resource)).toBe(expected);
    },
  );

  it('is idempotent: the canonical text parses back to itself', () => {
    for (const text of ['250m', '512Mi', '1536', '1k', '1n', '1500M', '7Ei']) {
      expect(canonicalQuantity(text, 'memory')).toBe(text);
    }
  });

  it.each(['', '-1', '1.2.3', '5 Gi', '1KB', 'm', 'Mi', '1e'])(
    'rejects %p',
    text => {
      expect(parseQuantityString(text)).toBeUndefined();
    },
  );

  it('rejects negative and non-finite numbers', () => {
    expect(canonicalQuantity(-1, 'cpu')).toBeUndefined();
    expect(canonicalQuantity(Infinity, 'cpu')).toBeUndefined();
  });

  it('compares exactly across suffixes', () => {
    expect(parseQuantityString('1Gi')!.nanos).toBe(
      parseQuantityString('1024Mi')!.nanos,
    );
    expect(
      parseQuantityString('1G')!.nanos < parseQuantityString('1Gi')!.nanos,
    ).toBe(true);
  });
});

describe('isExtendedResource', () => {
  it.each([
    ['nvidia.com/gpu', true],
    ['huawei.com/ascend-310', true],
    ['cpu', false],
    ['hugepages-2Mi', false],
    ['kubernetes.io/something', false],
    ['requests.kubernetes.io/x', false],
  ] as Array<[string, boolean]>)('%s: %p', (name, expected) => {
    expect(isExtendedResource(name)).toBe(expected);
  });
});
