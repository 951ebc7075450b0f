/*
 * Rewrites the actions reference of README.md (between <!-- actions:start --> and
 * <!-- actions:end -->) from the actions' schemas. Run with `yarn docs:actions`; with `--check`
 * it only reports whether the README is up to date (exit code 1 when not).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { expectedReadme, README_PATH } from './actionDocs';

const current = readFileSync(README_PATH, 'utf8');
const expected = expectedReadme(current);
if (current === expected) {
  process.stdout.write('README.md actions reference is up to date\n');
} else if (process.argv.includes('--check')) {
  process.stderr.write(
    'README.md actions reference is out of date; run: yarn workspace @daemonsets/plugin-scaffolder-backend-module-daemonset docs:actions\n',
  );
  process.exitCode = 1;
} else {
  writeFileSync(README_PATH, expected);
  process.stdout.write('README.md actions reference updated\n');
}
