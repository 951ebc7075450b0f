#!/usr/bin/env node
// Adds up the test counts of every layer (jest JSON, node:test TAP, Playwright JSON), one line
// per layer, and prints one closing line "N passed, N failed, N skipped" (CI reads that line).
// Exits non-zero if a test or a stage failed, or if a layer's result file is missing, cannot be
// read, or counts no test at all: a layer that ran nothing has proved nothing.
// A jest test file that failed to run (e.g. a missing prerequisite under CI) counts as a failed test.
// Usage: summarise-results.mjs [--layers=<name>,<name>...] <results-dir> [failed stage names...]
// --layers (scripts/test.sh passes its TEST_STAGES) requires only the named layers' result files,
// e.g. --layers='integration tests'; every result file present is still counted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The result file of every layer scripts/test.sh runs, each required. */
const LAYERS = {
  'unit.json': 'unit tests',
  'summary.tap': 'summary script tests',
  'cluster.tap': 'cluster tests',
  'integration.json': 'integration tests',
  'browser.json': 'browser tests',
};

/** Test counts of one result file: { passed, failed, skipped }; throws if it has none. */
function countsOf(file, text) {
  if (file.endsWith('.tap')) {
    const count = key => {
      const m = text.match(new RegExp(`^# ${key} (\\d+)$`, 'm'));
      if (!m) throw new Error(`no "# ${key}" line`);
      return Number(m[1]);
    };
    return {
      passed: count('pass'),
      failed: count('fail') + count('cancelled'),
      skipped: count('skipped') + count('todo'),
    };
  }
  const report = JSON.parse(text);
  if (typeof report?.numPassedTests === 'number') {
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0),
      skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    };
  }
  if (typeof report?.stats?.expected === 'number') {
    const s = report.stats;
    return {
      passed: s.expected + (s.flaky ?? 0),
      failed: s.unexpected + (report.errors?.length ?? 0),
      skipped: s.skipped ?? 0,
    };
  }
  throw new Error('neither a jest nor a Playwright JSON report');
}

const args = process.argv.slice(2);
const layersArg = args.find(a => a.startsWith('--layers='));
const [dir, ...failedStages] = args.filter(a => a !== layersArg);
const selected = layersArg
  ?.slice('--layers='.length)
  .split(',')
  .map(name => name.trim())
  .filter(Boolean);

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
const failedLayers = [];

const present = dir && existsSync(dir) ? readdirSync(dir) : [];
const required = Object.keys(LAYERS).filter(
  file => !selected || selected.includes(LAYERS[file]),
);
const files = [
  ...required,
  ...present.filter(f => f in LAYERS && !required.includes(f)).sort(),
  ...present.filter(f => /\.(json|tap)$/.test(f) && !(f in LAYERS)).sort(),
];
for (const file of files) {
  const name = LAYERS[file] ? `${LAYERS[file]} (${file})` : file;
  if (!present.includes(file)) {
    lines.push(`  ${name}: FAILED, no result file`);
    failedLayers.push(name);
    continue;
  }
  let c;
  try {
    c = countsOf(file, readFileSync(join(dir, file), 'utf8'));
  } catch (e) {
    lines.push(`  ${name}: FAILED, unreadable result file (${e.message})`);
    failedLayers.push(name);
    continue;
  }
  totals.passed += c.passed;
  totals.failed += c.failed;
  totals.skipped += c.skipped;
  const empty = c.passed + c.failed + c.skipped === 0;
  lines.push(
    `  ${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${
      empty ? ' - FAILED, no tests ran' : ''
    }`,
  );
  if (empty) failedLayers.push(name);
}

console.log('\nTest results:');
if (selected)
  console.log(`  (required: only the selected ${selected.join(', ')})`);
for (const line of lines) console.log(line);
if (failedLayers.length)
  console.log(`Failed layers: ${failedLayers.join(', ')}`);
if (failedStages.length)
  console.log(`Failed stages: ${failedStages.join(', ')}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
process.exit(
  totals.failed > 0 || failedLayers.length > 0 || failedStages.length > 0
    ? 1
    : 0,
);
