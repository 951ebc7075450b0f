#!/usr/bin/env node
// Adds up the test counts of every runner (jest JSON, node:test TAP, Playwright JSON) and
// prints one closing line "N passed, N failed"; exits non-zero if a test or a stage failed.
// Usage: summarise-results.mjs <results-dir> [failed stage names...]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, ...failedStages] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

const add = (suite, passed, failed, skipped) => {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(
    `  ${suite}: ${passed} passed, ${failed} failed, ${skipped} skipped`,
  );
};

for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
  const text = readFileSync(join(dir, file), 'utf8');
  if (file.endsWith('.tap')) {
    const count = key =>
      Number(text.match(new RegExp(`^# ${key} (\\d+)`, 'm'))?.[1] ?? 0);
    add(
      file,
      count('pass'),
      count('fail') + count('cancelled'),
      count('skipped') + count('todo'),
    );
  } else if (file.endsWith('.json')) {
    const report = JSON.parse(text);
    if ('numPassedTests' in report) {
      add(
        file,
        report.numPassedTests,
        report.numFailedTests,
        report.numPendingTests + report.numTodoTests,
      );
    } else if (report.stats) {
      const s = report.stats;
      add(file, s.expected + (s.flaky ?? 0), s.unexpected, s.skipped);
    }
  }
}

console.log('\nTest results:');
for (const line of lines) console.log(line);
if (failedStages.length)
  console.log(`Failed stages: ${failedStages.join(', ')}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
process.exit(totals.failed > 0 || failedStages.length > 0 ? 1 : 0);
