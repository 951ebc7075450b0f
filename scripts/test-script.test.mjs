// A test of the README's test command itself (scripts/test.sh), run by its "summary script tests"
// stage: with no local cluster to be had (an empty cluster home, and no Go on PATH to build one),
// the integration layer must fail the command, named. Only that stage runs (TEST_STAGES), on a
// cluster home and port offset of its own, so the shared running cluster is never touched.
// node --test scripts/test-script.test.mjs
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, test } from 'node:test';

const repoRoot = join(import.meta.dirname, '..');
const scratch = mkdtempSync(join(tmpdir(), 'test-script-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** PATH without any folder that holds a `go` binary: the machine "without Go". */
const pathWithoutGo = (process.env.PATH ?? '')
  .split(delimiter)
  .filter(dir => dir && !existsSync(join(dir, 'go')))
  .join(delimiter);

/**
 * Three integration test files on the shared local cluster, one per kind (the backend's status
 * and wizard routes, the scaffolder template): the layer's verdict needs no more of them.
 */
const clusterFilePattern =
  /(status|wizardRoutes|template)\.integration\.test\.ts$/;

/** Runs scripts/test.sh to its end; resolves with its exit code and all it printed. */
function runTestScript(env) {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(repoRoot, 'scripts', 'test.sh')], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', chunk => (output += chunk));
    child.stderr.on('data', chunk => (output += chunk));
    child.on('error', reject);
    child.on('close', code => resolve({ code, output }));
  });
}

test(
  'no local cluster and no Go: the test command exits non-zero, naming the integration layer',
  { timeout: 600_000 },
  async () => {
    const noCluster = join(scratch, 'no-cluster');
    const noFaultsCluster = join(scratch, 'no-faults-cluster');
    mkdirSync(noCluster);
    mkdirSync(noFaultsCluster);
    const results = join(scratch, 'results');

    const { code, output } = await runTestScript({
      PATH: pathWithoutGo,
      TEST_STAGES: 'integration tests',
      TEST_RESULTS_DIR: results,
      CLUSTER_HOME: noCluster,
      CLUSTER_PORT_OFFSET: '3000',
      FAULTS_CLUSTER_HOME: noFaultsCluster,
      FAULTS_CLUSTER_PORT_OFFSET: '3500',
      // Only those files run: the layer's verdict needs no more, and the fault files could start
      // their own cluster from the shared binaries. (A second --testPathPatterns would add files
      // to the layer's own pattern; an ignore pattern narrows it.)
      TEST_JEST_ARGS: `--testPathIgnorePatterns=^(?!.*/${clusterFilePattern.source})`,
    });

    const summary = output.slice(output.lastIndexOf('Test results:'));
    assert.notEqual(code, 0, output.slice(-3000));
    assert.match(output, /── integration tests FAILED/);
    assert.match(summary, /integration tests \(integration\.json\): /);
    assert.match(summary, /Failed stages: integration tests/);
    assert.match(summary, /\d+ passed, [1-9]\d* failed, \d+ skipped\s*$/);
    // The failures are the missing cluster's: each test file on the shared cluster failed to run,
    // saying so (not skipped, not passed). Other files may fail for their own missing parts.
    const report = JSON.parse(
      readFileSync(join(results, 'integration.json'), 'utf8'),
    );
    const clusterFiles = report.testResults.filter(r =>
      clusterFilePattern.test(r.name),
    );
    assert.equal(
      clusterFiles.length,
      3,
      JSON.stringify(report.testResults.map(r => r.name)),
    );
    for (const file of clusterFiles) {
      assert.equal(file.status, 'failed', file.name);
      const messages = [
        file.message,
        ...file.assertionResults.flatMap(a => a.failureMessages),
      ].join('\n');
      assert.match(messages, /no local cluster/, file.name);
    }
    // Only the selected stage ran, and nothing outside the selection is required.
    assert.doesNotMatch(output, /── (unit tests|local cluster|browser tests)/);
    assert.doesNotMatch(summary, /unit tests|browser tests/);
  },
);
