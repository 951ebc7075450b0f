import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Component, Layout } from './paths.ts';
import { logFile, pidFile } from './paths.ts';

/** Pid recorded for a component, if its pid file exists. */
export function readPid(l: Layout, c: Component): number | undefined {
  const f = pidFile(l, c);
  if (!existsSync(f)) return undefined;
  const pid = Number(readFileSync(f, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** True if `pid` is alive and still runs our binary (guards against pid reuse after a reboot). */
function isOurProcess(pid: number, binary: string): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
    return cmdline.startsWith(binary) && state !== 'Z';
  } catch {
    return true; // no /proc: trust kill(0)
  }
}

/** Pid of the running component, or undefined if it is not running. */
export function runningPid(l: Layout, c: Component): number | undefined {
  const pid = readPid(l, c);
  return pid !== undefined && isOurProcess(pid, `${l.bin}/${c}`)
    ? pid
    : undefined;
}

/**
 * Starts a component detached from this process (own session, output to its log file) so it
 * outlives the CLI, and records its pid.
 */
export function startDetached(l: Layout, c: Component, args: string[]): number {
  mkdirSync(l.logs, { recursive: true });
  mkdirSync(l.run, { recursive: true });
  const fd = openSync(logFile(l, c), 'a');
  writeFileSync(
    fd,
    `\n==== ${new Date().toISOString()} starting ${c} ${args.join(' ')}\n`,
  );
  const child = spawn(`${l.bin}/${c}`, args, {
    detached: true,
    stdio: ['ignore', fd, fd],
    cwd: l.home,
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${c}`);
  child.unref();
  writeFileSync(pidFile(l, c), `${child.pid}\n`);
  writeFileSync(fingerprintFile(l, c), commandFingerprint(args));
  return child.pid;
}

function fingerprintFile(l: Layout, c: Component): string {
  return join(l.run, `${c}.fingerprint`);
}

/**
 * Hash of a command line and of the files its `--config=` flags name, so an edited kwok stage
 * counts as a change although the command line is the same.
 */
export function commandFingerprint(args: string[]): string {
  const hash = createHash('sha256');
  for (const a of args) {
    hash.update(`${a}\0`);
    const config = /^--config=(.+)$/.exec(a)?.[1];
    if (config) hash.update(existsSync(config) ? readFileSync(config) : '');
  }
  return hash.digest('hex');
}

/**
 * True when the running component was started with another command line or configuration (or
 * by a version of this tool that recorded none).
 */
export function startedWithOtherConfig(
  l: Layout,
  c: Component,
  args: string[],
): boolean {
  const f = fingerprintFile(l, c);
  return (
    !existsSync(f) ||
    readFileSync(f, 'utf8').trim() !== commandFingerprint(args)
  );
}

/** Stops a component: SIGTERM, then SIGKILL after `graceMs`. Returns true if something was stopped. */
export async function stop(
  l: Layout,
  c: Component,
  graceMs = 15_000,
): Promise<boolean> {
  const pid = runningPid(l, c);
  rmSync(pidFile(l, c), { force: true });
  if (pid === undefined) return false;
  const binary = `${l.bin}/${c}`;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    if (!isOurProcess(pid, binary)) return true;
    await sleep(100);
  }
  if (isOurProcess(pid, binary)) process.kill(pid, 'SIGKILL');
  return true;
}
