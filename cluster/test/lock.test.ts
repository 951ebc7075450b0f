import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { acquireLock, removeStaleLock } from '../src/lock.ts';

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise(resolve => child.on('exit', resolve));
  return child.pid!;
}

test('a stale lock is taken over', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'lock-')), 'up.lock');
  writeFileSync(path, String(await deadPid()));
  const release = await acquireLock(path, 5_000);
  assert.equal(readFileSync(path, 'utf8'), String(process.pid));
  release();
});

test('the second process to see a stale lock leaves the first one’s new lock alone', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'lock-')), 'up.lock');
  const stale = await deadPid();
  // Both processes read `stale`; the first has already removed it and written its own lock.
  const firstTaker = spawn(process.execPath, [
    '-e',
    'setTimeout(() => {}, 60000)',
  ]);
  try {
    writeFileSync(path, String(firstTaker.pid));
    assert.equal(removeStaleLock(path, stale), false);
    assert.equal(readFileSync(path, 'utf8'), String(firstTaker.pid));
  } finally {
    firstTaker.kill();
  }
});
