import { ConfigReader } from '@backstage/config';
import { readPluginOptions } from './readPluginOptions';

describe('readPluginOptions', () => {
  it('has defaults for every setting', () => {
    expect(readPluginOptions(new ConfigReader({}))).toEqual({
      watchIdleTimeoutMs: 300_000,
      initialListTimeoutMs: 3_000,
      watchStallTimeoutMs: 90_000,
      watchTimeoutMs: 300_000,
    });
  });

  it('reads durations as objects or strings', () => {
    const options = readPluginOptions(
      new ConfigReader({
        daemonset: {
          watchIdleTimeout: { seconds: 20 },
          initialListTimeout: '500ms',
          watchStallTimeout: { minutes: 2 },
          watchTimeout: { seconds: 30 },
        },
      }),
    );
    expect(options).toEqual({
      watchIdleTimeoutMs: 20_000,
      initialListTimeoutMs: 500,
      watchStallTimeoutMs: 120_000,
      watchTimeoutMs: 30_000,
    });
  });

  it('names the key of a malformed duration', () => {
    expect(() =>
      readPluginOptions(
        new ConfigReader({ daemonset: { watchTimeout: 'soon' } }),
      ),
    ).toThrow(/watchTimeout/);
  });
});
