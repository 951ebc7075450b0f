import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repoRoot = resolve(__dirname, '../../..');

/** `@backstage/foo@npm:1.2.3` entries of yarn.lock, as package → versions. */
function lockedBackstageVersions(): Map<string, Set<string>> {
  const lock = readFileSync(resolve(repoRoot, 'yarn.lock'), 'utf8');
  const versions = new Map<string, Set<string>>();
  for (const match of lock.matchAll(
    /^"(@backstage\/[^@"]+)@[^\n]*\n {2}version: ([^\n]+)/gm,
  )) {
    const [, name, version] = match;
    versions.set(name, (versions.get(name) ?? new Set()).add(version.trim()));
  }
  return versions;
}

describe('Backstage release line', () => {
  it('resolves every @backstage package to exactly one version', () => {
    const versions = lockedBackstageVersions();
    expect(versions.size).toBeGreaterThan(50);
    const mixed = [...versions]
      .filter(([, v]) => v.size > 1)
      .map(([name, v]) => `${name}: ${[...v].join(', ')}`);
    expect(mixed).toEqual([]);
  });

  it('pins each @backstage package to the version recorded for the release', () => {
    const rootPackage = JSON.parse(
      readFileSync(resolve(repoRoot, 'package.json'), 'utf8'),
    );
    const { version: release } = JSON.parse(
      readFileSync(resolve(repoRoot, 'backstage.json'), 'utf8'),
    );
    expect(release).toBe('1.55.0');
    for (const [name, locked] of lockedBackstageVersions()) {
      expect({ name, version: [...locked][0] }).toEqual({
        name,
        version: rootPackage.resolutions[name],
      });
    }
  });
});
