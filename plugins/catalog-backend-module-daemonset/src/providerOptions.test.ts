import { ConfigReader } from '@backstage/config';
import { readProviderOptions } from './providerOptions';

const read = (daemonset: object) =>
  readProviderOptions(
    new ConfigReader({ catalog: { providers: { daemonset } } }),
    ['local'],
  );

describe('readProviderOptions', () => {
  it('defaults: watch on, ten-minute scans, nothing without ownership metadata', () => {
    const options = readProviderOptions(new ConfigReader({}), []);
    expect(options).toMatchObject({
      watch: true,
      lifecycle: 'production',
      schedule: { frequency: { minutes: 10 } },
    });
    expect(options.include).toBeUndefined();
  });

  it('reads the include filter', () => {
    const { include } = read({
      include: { namespaces: ['a'], labelSelector: 'x=y' },
    });
    expect(include?.defaultOwner).toBe('group:default/platform-team');
    expect(include?.labels({ x: 'y' })).toBe(true);
    expect(include?.labels({})).toBe(false);
  });

  it.each([
    [
      { include: { clusters: ['nope'] } },
      'catalog.providers.daemonset.include.clusters names clusters that are not configured',
    ],
    [
      { include: { defaultOwner: 'a:b:c' } },
      'catalog.providers.daemonset.include.defaultOwner must be an entity reference',
    ],
    [
      { include: { labelSelector: 'a in b' } },
      "catalog.providers.daemonset.include.labelSelector is not a valid label selector: cannot parse 'a in b'",
    ],
  ])('rejects %j', (config, message) => {
    expect(() => read(config)).toThrow(message);
  });
});
