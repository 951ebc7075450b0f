// `source scripts/env.sh` in a clean shell (no PATH entries of ours, no inherited Node) gives the
// Node and Yarn the README's other commands need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

test('a clean shell that sources scripts/env.sh runs yarn with Node 22+ and Yarn 4', () => {
  const out = execFileSync(
    '/usr/bin/env',
    [
      '-i',
      `HOME=${process.env.HOME ?? '/root'}`,
      'PATH=/usr/bin:/bin',
      'bash',
      '--noprofile',
      '--norc',
      '-c',
      'source scripts/env.sh 2>/dev/null && yarn --version && yarn node -p process.versions.node',
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  const [yarnVersion, nodeVersion] = out.trim().split('\n').slice(-2);
  assert.match(yarnVersion, /^4\./);
  assert.ok(Number(nodeVersion.split('.')[0]) >= 22, `Node ${nodeVersion}`);
});
