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
const lowerBound = range => range.replace(/^[\^~]/, '');
const cmp = (a, b) => {
  const pa = a.split(/[.-]/).map(Number);
  const pb = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pa[i] - pb[i];
  return 0;
};

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
      if (!pins.has(dep) || cmp(v, pins.get(dep)) > 0) {
        pins.set(dep, v);
        changed = true;
      }
    }
  }
}

for (const name of extras.filter(e => !pins.has(e))) {
  const versions = (npmView(name, 'versions') ?? [])
    .filter(v => !v.includes('-'))
    .reverse();
  const fits = versions.find(v =>
    Object.entries(deps(`${name}@${v}`)).every(
      ([dep, range]) =>
        !dep.startsWith('@backstage/') ||
        !pins.has(dep) ||
        cmp(lowerBound(range), pins.get(dep)) <= 0,
    ),
  );
  if (fits) pins.set(name, fits);
  else console.error(`no version of ${name} fits the release`);
}

const sorted = Object.fromEntries(
  [...pins].sort(([a], [b]) => a.localeCompare(b)),
);
console.log(JSON.stringify(sorted, null, 2));
