import { InputError, isError } from '@backstage/errors';
import { DaemonSetInputError, formatPath } from './problems';

describe('formatPath', () => {
  it('writes dotted, indexed paths and quotes keys that are not identifiers', () => {
    expect(formatPath(['containers', 0, 'resources', 'limits', 'cpu'])).toBe(
      'containers[0].resources.limits.cpu',
    );
    expect(
      formatPath(['containers', 1, 'resources', 'limits', 'nvidia.com/gpu']),
    ).toBe('containers[1].resources.limits["nvidia.com/gpu"]');
    expect(formatPath([])).toBe('');
  });
});

describe('DaemonSetInputError', () => {
  it('is an InputError listing every problem', () => {
    const error = new DaemonSetInputError([
      { path: 'name', message: 'is required' },
      { path: '', message: 'must be an object' },
    ]);
    expect(error).toBeInstanceOf(InputError);
    expect(isError(error) && error.name).toBe('InputError');
    expect(error.problems).toHaveLength(2);
    expect(error.message).toBe(
      'Invalid DaemonSet input: name: is required; must be an object',
    );
  });
});
