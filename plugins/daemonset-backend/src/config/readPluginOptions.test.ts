import { ConfigReader } from '@backstage/config';
import { readPluginOptions } from './readPluginOptions';

describe('readPluginOptions', () => {
  it('has defaults for every setting', () => {
    expect(readPluginOptions(new ConfigReader({}))).toEqual({
      watchIdleTimeoutMs: 300_000,
      initialListTimeoutMs: 3_000,
      watchStallTimeoutMs: 90_000,
      watchTimeoutMs: 300_000,
      watchList: false,
      protobuf: true,
      listCompression: 'auto',
      watchNodesFromStart: true,
      watchDaemonSetPodsFromStart: true,
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
    expect(options).toMatchObject({
      watchIdleTimeoutMs: 20_000,
      initialListTimeoutMs: 500,
      watchStallTimeoutMs: 120_000,
      watchTimeoutMs: 30_000,
    });
  });

  it.each(['gzip', 'none', 'auto'])('reads listCompression: %s', value => {
    expect(
      readPluginOptions(
        new ConfigReader({ daemonset: { listCompression: value } }),
      ).listCompression,
    ).toBe(value);
  });

  it('names the key and the allowed values of a wrong listCompression', () => {
    expect(() =>
      readPluginOptions(
        new ConfigReader({ daemonset: { listCompression: 'brotli' } }),
      ),
    ).toThrow(
      "daemonset.listCompression must be one of auto, gzip, none; it is 'brotli'",
    );
  });

  it('names the key of a malformed duration', () => {
    expect(() =>
      readPluginOptions(
        new ConfigReader({ daemonset: { watchTimeout: 'soon' } }),
      ),
    ).toThrow(/watchTimeout/);
  });

  const switches = [
    'protobuf',
    'watchNodesFromStart',
    'watchDaemonSetPodsFromStart',
  ] as const;

  it.each(switches)('honours %s: false, and only for that switch', key => {
    const options = readPluginOptions(
      new ConfigReader({ daemonset: { [key]: false } }),
    );
    expect(options[key]).toBe(false);
    for (const other of switches.filter(s => s !== key)) {
      expect(options[other]).toBe(true);
    }
  });

  it.each(switches)(
    'rejects a %s that is not a boolean, naming the key',
    key => {
      expect(() =>
        readPluginOptions(
          new ConfigReader({ daemonset: { [key]: 'sometimes' } }),
        ),
      ).toThrow(`daemonset.${key}`);
      expect(() =>
        readPluginOptions(
          new ConfigReader({ daemonset: { [key]: { enabled: true } } }),
        ),
      ).toThrow(`daemonset.${key}`);
    },
  );

  it('turns WatchLists on with watchList: true, and rejects a non-boolean naming the key', () => {
    expect(
      readPluginOptions(new ConfigReader({ daemonset: { watchList: true } }))
        .watchList,
    ).toBe(true);
    expect(() =>
      readPluginOptions(
        new ConfigReader({ daemonset: { watchList: 'sometimes' } }),
      ),
    ).toThrow('daemonset.watchList');
  });
});
