import {
  isImageAllowed,
  isImageFromRegistry,
  parseImageReference,
} from './image';

const DIGEST = `sha256:${'c'.repeat(64)}`;

describe('parseImageReference', () => {
  it.each([
    ['nginx', { registry: 'docker.io', repository: 'library/nginx' }],
    [
      'nginx:1.27',
      { registry: 'docker.io', repository: 'library/nginx', tag: '1.27' },
    ],
    [
      'grafana/agent:v0.40',
      { registry: 'docker.io', repository: 'grafana/agent', tag: 'v0.40' },
    ],
    ['ghcr.io/acme/agent', { registry: 'ghcr.io', repository: 'acme/agent' }],
    [
      'localhost:5000/agent:dev',
      { registry: 'localhost:5000', repository: 'agent', tag: 'dev' },
    ],
    ['localhost/agent', { registry: 'localhost', repository: 'agent' }],
    [
      'index.docker.io/library/busybox',
      { registry: 'docker.io', repository: 'library/busybox' },
    ],
    [
      `busybox@${DIGEST}`,
      { registry: 'docker.io', repository: 'library/busybox', digest: DIGEST },
    ],
    [
      `quay.io/a/b:1@${DIGEST}`,
      { registry: 'quay.io', repository: 'a/b', tag: '1', digest: DIGEST },
    ],
  ])('parses %s', (image, expected) => {
    expect(parseImageReference(image)).toEqual({
      tag: undefined,
      digest: undefined,
      ...expected,
    });
  });

  it.each([
    '',
    'Nginx',
    'nginx:',
    'nginx:-x',
    'ACME/agent',
    'a//b',
    'nginx@sha256:abc',
    ':tag',
  ])('rejects %p', image => {
    expect(parseImageReference(image)).toBeUndefined();
  });
});

describe('isImageFromRegistry', () => {
  const ref = (image: string) => parseImageReference(image)!;
  it('matches hosts and host/path prefixes, not lookalikes', () => {
    expect(isImageFromRegistry(ref('ghcr.io/acme/agent'), ['ghcr.io'])).toBe(
      true,
    );
    expect(
      isImageFromRegistry(ref('ghcr.io/acme/agent'), ['ghcr.io/acme/']),
    ).toBe(true);
    expect(
      isImageFromRegistry(ref('ghcr.io/acmex/agent'), ['ghcr.io/acme']),
    ).toBe(false);
    expect(
      isImageFromRegistry(ref('ghcr.io.evil.com/agent'), ['ghcr.io']),
    ).toBe(false);
    expect(isImageFromRegistry(ref('nginx'), ['docker.io/library'])).toBe(true);
    expect(isImageFromRegistry(ref('nginx'), ['ghcr.io'])).toBe(false);
  });
});

describe('parseImageReference on huge input', () => {
  it('refuses a 5 MB reference by its length, call after call', () => {
    // The actions' fuzz test once saw the pattern throw RangeError (stack) on such input after
    // earlier calls; the length is now checked before the pattern runs.
    const huge = 'a'.repeat(5 * 1024 * 1024);
    for (let i = 0; i < 40; i++) {
      expect(parseImageReference(huge)).toBeUndefined();
    }
  });
});

describe('isImageAllowed', () => {
  it('applies the registry list the way the approval policy does', () => {
    expect(isImageAllowed('anything:1', [])).toBe(true);
    expect(isImageAllowed('nginx', ['docker.io/library'])).toBe(true);
    expect(isImageAllowed('ghcr.io/acme/agent:1', ['ghcr.io/acme'])).toBe(true);
    expect(isImageAllowed('ghcr.io/acmex/agent:1', ['ghcr.io/acme'])).toBe(
      false,
    );
    expect(isImageAllowed('nginx', ['ghcr.io'])).toBe(false);
  });

  it('leaves an invalid reference to the schema', () => {
    expect(isImageAllowed('Not An Image', ['ghcr.io'])).toBe(true);
  });
});
