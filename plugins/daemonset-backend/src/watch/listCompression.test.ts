import { compressesLists } from './listCompression';

describe('compressesLists', () => {
  it.each([
    ['https://127.0.0.1:6443', false],
    ['https://127.12.0.9:6443', false],
    ['https://localhost:6443', false],
    ['https://[::1]:6443', false],
    ['https://kubernetes.default.svc', false],
    ['https://KUBERNETES.default.svc.cluster.local:443', false],
    ['https://10.96.0.1:443', false],
    ['https://api.prod.example.com:6443', true],
    ['https://10.0.0.12:6443', true],
    ['https://128.0.0.1:6443', true],
    ['not a url', true],
  ])('auto: %s → gzip %s', (url, gzip) => {
    expect(compressesLists('auto', url, '10.96.0.1')).toBe(gzip);
  });

  it('auto without an in-cluster host compresses for any remote address', () => {
    expect(compressesLists('auto', 'https://10.96.0.1:443', undefined)).toBe(
      true,
    );
    expect(compressesLists('auto', 'https://10.96.0.1:443', '')).toBe(true);
  });

  it('gzip and none are taken as said, whatever the address', () => {
    expect(compressesLists('gzip', 'https://127.0.0.1:6443')).toBe(true);
    expect(compressesLists('none', 'https://api.example.com')).toBe(false);
  });
});
