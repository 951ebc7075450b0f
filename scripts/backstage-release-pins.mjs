#!/usr/bin/env node
/**
 * Computes one consistent set of @backstage/* versions for the release recorded in
 * backstage.json, without the release manifest service (unreachable from these machines).
 *
 * Backstage publishes every package from one monorepo, rewriting `workspace:^` to `^<version>`,
 * so the caret lower bounds that packages of a release put on each other are the versions of
 * that release. Starting from the exact versions that `@backstage/create-app` wrote for the
 * release (seed file), it walks the dependency graph and keeps, per package, the highest lower
 * bound it sees. Packages the seed does not reach are pinned to their newest version whose own
 * @backstage dependencies stay within the pins. Prints a `resolutions` object for package.json.
 *
 * Usage: node scripts/backstage-release-pins.mjs seed.json [extra-package ...]
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import semver from 'semver';

const npmView = (spec, field) => {
  try {
    const out = execFileSync('npm', ['view', spec, field, '--json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out.trim() ? JSON.parse(out) : undefined;
  } catch {
    return undefined;
  }
};
const lowerBound = range => semver.minVersion(range).version;

const seed = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const extras = process.argv.slice(3);
const pins = new Map(Object.entries(seed));
const visited = new Set();
const deps = spec => npmView(spec, 'dependencies') ?? {};

let changed = true;
while (changed) {
  changed = false;
  for (const [name, version] of [...pins]) {
    const spec = `${name}@${version}`;
    if (visited.has(spec)) continue;
    visited.add(spec);
    for (const [dep, range] of Object.entries(deps(spec))) {
      if (!dep.startsWith('@backstage/') || !/^\^\d/.test(range)) continue;
      const v = lowerBound(range);
      if (!pins.has(dep) || semver.gt(v, pins.get(dep))) {
        pins.set(dep, v);
        changed = true;
      }
    }
  }
}

for (const name of extras.filter(e => !pins.has(e))) {
  const versions = (npmView(name, 'versions') ?? [])
    .filter(v => !semver.prerelease(v))
    .reverse();
  const fits = versions.find(v =>
    Object.entries(deps(`${name}@${v}`)).every(
      ([dep, range]) =>
        !dep.startsWith('@backstage/') ||
        !pins.has(dep) ||
        semver.lte(lowerBound(range), pins.get(dep)),
    ),
  );
  if (fits) pins.set(name, fits);
  else console.error(`no version of ${name} fits the release`);
}

const sorted = Object.fromEntries(
  [...pins].sort(([a], [b]) => a.localeCompare(b)),
);
console.log(JSON.stringify(sorted, null, 2));
