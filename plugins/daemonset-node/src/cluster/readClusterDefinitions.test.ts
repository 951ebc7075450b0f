import { InputError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import { readClusterDefinitions } from './readClusterDefinitions';

const cluster = (name: string, extra: object = {}) => ({
  name,
  url: `https://${name}.example:6443`,
  serviceAccountToken: `${name}-token`,
  ...extra,
});

describe('readClusterDefinitions', () => {
  it('reads clusters of every config locator and ignores other locator types', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'catalog' },
          { type: 'config', clusters: [cluster('a', { skipTLSVerify: true })] },
          { type: 'config', clusters: [cluster('b', { caData: 'Q0E=' })] },
        ],
      },
    });

    expect(readClusterDefinitions(config)).toEqual([
      {
        name: 'a',
        url: 'https://a.example:6443',
        serviceAccountToken: 'a-token',
        skipTLSVerify: true,
      },
      {
        name: 'b',
        url: 'https://b.example:6443',
        serviceAccountToken: 'b-token',
        caData: 'Q0E=',
        skipTLSVerify: false,
      },
    ]);
  });

  it('returns no clusters when kubernetes is not configured', () => {
    expect(readClusterDefinitions(new ConfigReader({}))).toEqual([]);
  });

  it('rejects a cluster name used twice', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'config', clusters: [cluster('a'), cluster('a')] },
        ],
      },
    });
    expect(() => readClusterDefinitions(config)).toThrow(
      "kubernetes cluster 'a' is configured more than once",
    );
    // A configuration mistake, not a bad request: it must not turn into a 400.
    expect(() => readClusterDefinitions(config)).not.toThrow(InputError);
  });

  it('rejects auth providers it cannot act as', () => {
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [cluster('a', { authProvider: 'google' })],
          },
        ],
      },
    });
    expect(() => readClusterDefinitions(config)).toThrow(
      "authProvider 'google' is not supported",
    );
  });
});
