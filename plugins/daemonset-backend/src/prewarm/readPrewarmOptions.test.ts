import { ConfigReader } from '@backstage/config';
import { readPrewarmOptions } from './readPrewarmOptions';

const read = (prewarm?: object) =>
  readPrewarmOptions(new ConfigReader({ daemonset: { prewarm } }));

describe('readPrewarmOptions', () => {
  it('is off by default, with at most 50 entities', () => {
    expect(read()).toEqual({ enabled: false, maxEntities: 50 });
    expect(read({ enabled: true, maxEntities: 200 })).toEqual({
      enabled: true,
      maxEntities: 200,
    });
  });

  it.each([0, -1, 2.5, 1001])(
    'refuses maxEntities %p, naming the key and the rule',
    maxEntities => {
      expect(() => read({ enabled: true, maxEntities })).toThrow(
        `Invalid config daemonset.prewarm.maxEntities: ${maxEntities} must be a whole number from 1 to 1000`,
      );
    },
  );
});
