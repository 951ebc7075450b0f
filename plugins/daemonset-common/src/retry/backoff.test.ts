import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it('doubles up to the cap, with half of it random', () => {
    const bounds = { initialMs: 1000, maxMs: 8000 };
    expect([0, 1, 2, 3, 4].map(a => backoffDelay(a, bounds, () => 0))).toEqual([
      500, 1000, 2000, 4000, 4000,
    ]);
    expect([0, 1, 2, 3, 4].map(a => backoffDelay(a, bounds, () => 1))).toEqual([
      1000, 2000, 4000, 8000, 8000,
    ]);
  });

  it('does not overflow for a long outage', () => {
    expect(backoffDelay(10_000, undefined, () => 1)).toBe(30_000);
  });
});
