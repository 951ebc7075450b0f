import { backoffDelay } from './backoff';
import { connectionOf } from './connectionOf';

describe('backoffDelay', () => {
  it('doubles up to the cap, with half of it random', () => {
    const options = { initialMs: 1000, maxMs: 8000 };
    expect([0, 1, 2, 3, 4].map(a => backoffDelay(a, options, () => 0))).toEqual(
      [500, 1000, 2000, 4000, 4000],
    );
    expect([0, 1, 2, 3, 4].map(a => backoffDelay(a, options, () => 1))).toEqual(
      [1000, 2000, 4000, 8000, 8000],
    );
  });
});

describe('connectionOf', () => {
  it('reports the worst state', () => {
    expect(
      connectionOf([
        { state: 'connected', since: '2024-01-01T00:00:00Z' },
        { state: 'reconnecting', since: '2024-01-02T00:00:00Z', reason: 'b' },
        { state: 'reconnecting', since: '2024-01-01T12:00:00Z', reason: 'a' },
      ]),
    ).toEqual({
      state: 'reconnecting',
      since: '2024-01-01T12:00:00Z',
      reason: 'a',
    });
    expect(
      connectionOf([
        { state: 'connected', since: '2024-01-01T00:00:00Z' },
        { state: 'connected', since: '2024-01-03T00:00:00Z' },
      ]),
    ).toEqual({ state: 'connected', since: '2024-01-03T00:00:00Z' });
  });
});
