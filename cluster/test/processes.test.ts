import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { layout } from '../src/paths.ts';
import {
  commandFingerprint,
  startDetached,
  startedWithOtherConfig,
} from '../src/processes.ts';

function tempConfig(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'fingerprint-')), 'stage.yaml');
  writeFileSync(path, content);
  return path;
}

test('the fingerprint follows the command line and the content of --config files', () => {
  const config = tempConfig('kind: Stage\nname: a\n');
  const args = ['--v=WARN', `--config=${config}`];
  const before = commandFingerprint(args);
  assert.equal(commandFingerprint([...args]), before);
  assert.notEqual(
    commandFingerprint(['--v=INFO', `--config=${config}`]),
    before,
  );
  writeFileSync(config, 'kind: Stage\nname: b\n');
  assert.notEqual(commandFingerprint(args), before, 'edited stage file');
});

test('a running component is known to run with another configuration once its config changes', async () => {
  const l = layout(mkdtempSync(join(tmpdir(), 'cluster-home-')));
  mkdirSync(l.bin, { recursive: true });
  // Stands in for the kwok binary: a process that lives until stopped.
  const fake = join(l.bin, 'kwok');
  writeFileSync(fake, '#!/bin/sh\nexec sleep 600\n');
  chmodSync(fake, 0o755);
  const config = tempConfig('options: {}\n');
  const args = [`--config=${config}`];

  assert.equal(startedWithOtherConfig(l, 'kwok', args), true, 'none recorded');
  const pid = startDetached(l, 'kwok', args);
  try {
    assert.equal(startedWithOtherConfig(l, 'kwok', args), false);
    assert.equal(
      startedWithOtherConfig(l, 'kwok', [...args, '--v=INFO']),
      true,
    );
    writeFileSync(config, 'options: {podPlayStageParallelism: 32}\n');
    assert.equal(startedWithOtherConfig(l, 'kwok', args), true);
  } finally {
    process.kill(pid);
  }
});
