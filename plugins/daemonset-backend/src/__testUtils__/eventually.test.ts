import { eventually, eventuallyValue } from './eventually';

describe('eventually', () => {
  it('resolves once the check holds, polling at the interval asked for', async () => {
    let checks = 0;
    await eventually('the third check', () => ++checks === 3, {
      intervalMs: 1,
    });
    expect(checks).toBe(3);
  });

  it('names what it waited for, and what it last saw, when it gives up', async () => {
    let checks = 0;
    await expect(
      eventually(
        'a check that never holds',
        () => {
          checks++;
          return false;
        },
        {
          timeoutMs: 20,
          intervalMs: 1,
          describe: () => `${checks} checks`,
        },
      ),
    ).rejects.toThrow(
      /^timed out waiting for a check that never holds; last seen: \d+ checks$/,
    );
    expect(checks).toBeGreaterThan(1);
  });

  it('takes a number as the timeout', async () => {
    await expect(eventually('never', () => false, 1)).rejects.toThrow(
      'timed out waiting for never',
    );
  });

  it('rethrows what the check throws', async () => {
    await expect(
      eventually('a failing read', async () => {
        throw new Error('HTTP 500');
      }),
    ).rejects.toThrow('HTTP 500');
  });
});

describe('eventuallyValue', () => {
  it('resolves with the first value the attempt returns', async () => {
    const values = [undefined, undefined, 'ready', 'later'];
    await expect(
      eventuallyValue('a value', async () => values.shift(), {
        intervalMs: 1,
      }),
    ).resolves.toBe('ready');
    expect(values).toEqual(['later']);
  });
});
