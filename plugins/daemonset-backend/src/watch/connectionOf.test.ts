import { connectionOf } from './connectionOf';

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
