// Tests of summarise-results.mjs, the closing summary of scripts/test.sh (run by its
// "summary script tests" stage): node --test scripts/lib/summarise-results.test.mjs
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const script = join(import.meta.dirname, 'summarise-results.mjs');
const dirs = [];
after(() => dirs.forEach(d => rmSync(d, { recursive: true, force: true })));

const tap = (pass, fail = 0, skipped = 0) =>
  `TAP version 13\nok 1 - x\n1..${pass + fail + skipped}\n# tests ${
    pass + fail + skipped
  }\n# suites 0\n# pass ${pass}\n# fail ${fail}\n# cancelled 0\n# skipped ${skipped}\n# todo 0\n`;
const jest = (passed, failed = 0, pending = 0) =>
  JSON.stringify({
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: pending,
    numTodoTests: 0,
    numRuntimeErrorTestSuites: 0,
    numTotalTests: passed + failed + pending,
    success: failed === 0,
  });
const playwright = (expected, unexpected = 0, skipped = 0) =>
  JSON.stringify({
    stats: { expected, unexpected, flaky: 0, skipped },
    errors: [],
  });

/** A results folder with every layer: 10+3+4+5+2 passed, 1+1 skipped. */
function results(overrides = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'summary-test-'));
  dirs.push(dir);
  const files = {
    'unit.json': jest(10, 0, 1),
    'summary.tap': tap(3),
    'cluster.tap': tap(4, 0, 1),
    'integration.json': jest(5),
    'browser.json': playwright(2),
    ...overrides,
  };
  for (const [name, text] of Object.entries(files))
    if (text !== undefined) writeFileSync(join(dir, name), text);
  return dir;
}

function summarise(dir, ...failedStages) {
  const r = spawnSync(process.execPath, [script, dir, ...failedStages], {
    encoding: 'utf8',
  });
  const lines = r.stdout.trimEnd().split('\n');
  return { status: r.status, stdout: r.stdout, last: lines[lines.length - 1] };
}

test('every layer present and green: exit 0 and the totals of all layers', () => {
  const r = summarise(results());
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.last, '24 passed, 0 failed, 2 skipped');
  for (const file of [
    'unit.json',
    'summary.tap',
    'cluster.tap',
    'integration.json',
    'browser.json',
  ])
    assert.match(
      r.stdout,
      new RegExp(`\\(${file.replace('.', '\\.')}\\): \\d+ passed`),
    );
});

test('a missing result file fails, naming the layer', () => {
  const dir = results();
  unlinkSync(join(dir, 'browser.json'));
  const r = summarise(dir);
  assert.notEqual(r.status, 0);
  assert.match(
    r.stdout,
    /browser tests \(browser\.json\): FAILED, no result file/,
  );
  assert.match(r.stdout, /Failed layers: browser tests \(browser\.json\)/);
  assert.equal(r.last, '22 passed, 0 failed, 2 skipped');
});

test('an unreadable result file fails, naming the layer', () => {
  const r = summarise(
    results({
      'integration.json': '{"numPassedTests": 5,',
      'cluster.tap': 'TAP version 13\n',
    }),
  );
  assert.notEqual(r.status, 0);
  assert.match(
    r.stdout,
    /integration tests \(integration\.json\): FAILED, unreadable/,
  );
  assert.match(r.stdout, /cluster tests \(cluster\.tap\): FAILED, unreadable/);
  assert.match(r.last, /^\d+ passed, \d+ failed, \d+ skipped$/);
});

test('a layer with no tests fails, naming the layer', () => {
  const r = summarise(results({ 'integration.json': jest(0) }));
  assert.notEqual(r.status, 0);
  assert.match(
    r.stdout,
    /integration tests \(integration\.json\): 0 passed, 0 failed, 0 skipped - FAILED, no tests ran/,
  );
  assert.match(
    r.stdout,
    /Failed layers: integration tests \(integration\.json\)/,
  );
  assert.equal(r.last, '19 passed, 0 failed, 2 skipped');
});

test('a failed test fails the run and is counted', () => {
  const r = summarise(results({ 'cluster.tap': tap(3, 1) }));
  assert.notEqual(r.status, 0);
  assert.equal(r.last, '23 passed, 1 failed, 1 skipped');
});

test('a jest test file that failed to run counts as a failed test', () => {
  const report = JSON.parse(jest(5));
  report.numRuntimeErrorTestSuites = 1;
  const r = summarise(results({ 'integration.json': JSON.stringify(report) }));
  assert.notEqual(r.status, 0);
  assert.equal(r.last, '24 passed, 1 failed, 2 skipped');
});

test('a failed stage fails the run even when every test passed', () => {
  const r = summarise(results(), 'lint');
  assert.notEqual(r.status, 0);
  assert.match(r.stdout, /Failed stages: lint/);
  assert.equal(r.last, '24 passed, 0 failed, 2 skipped');
});

test('--layers requires only the selected layers, and still fails on a missing selected one', () => {
  const only = results({
    'unit.json': undefined,
    'summary.tap': undefined,
    'cluster.tap': undefined,
    'browser.json': undefined,
  });
  const r = summarise(only, '--layers=local cluster,integration tests');
  assert.equal(r.status, 0, r.stdout);
  assert.doesNotMatch(r.stdout, /unit tests/);
  assert.equal(r.last, '5 passed, 0 failed, 0 skipped');

  unlinkSync(join(only, 'integration.json'));
  const missing = summarise(only, '--layers=integration tests');
  assert.notEqual(missing.status, 0);
  assert.match(
    missing.stdout,
    /Failed layers: integration tests \(integration\.json\)/,
  );
});
