import {
  linkSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readHolder(path: string): number | undefined {
  try {
    return Number(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Creates the lock file holding our pid, or returns false when it exists. The pid is written to a
 * private file first and linked into place, so no process ever reads a lock without its pid.
 */
function tryCreate(path: string): boolean {
  const own = `${path}.${process.pid}.tmp`;
  writeFileSync(own, String(process.pid));
  try {
    linkSync(own, path);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    rmSync(own, { force: true });
  }
}

/**
 * Removes the lock at `path` only if it is still the one `stalePid` held. Two processes can see
 * the same stale lock; after the first has removed it and taken a new one, a plain remove by the
 * second would delete the live lock. So the lock is moved aside atomically (only one mover wins),
 * checked, and put back when it turns out to be a newer holder's.
 *
 * @returns whether the stale lock was removed (false: someone else got there first).
 */
export function removeStaleLock(path: string, stalePid: number): boolean {
  const aside = `${path}.${process.pid}.stale`;
  try {
    renameSync(path, aside);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw e;
  }
  const moved = readHolder(aside);
  if (moved === stalePid || moved === undefined || !Number.isInteger(moved)) {
    rmSync(aside, { force: true });
    return true;
  }
  try {
    linkSync(aside, path);
  } finally {
    rmSync(aside, { force: true });
  }
  return false;
}

/**
 * Takes an exclusive lock file holding our pid, waiting while another live process holds it.
 * A lock left by a dead process is taken over. Returns a release function.
 */
export async function acquireLock(
  path: string,
  timeoutMs: number,
): Promise<() => void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (tryCreate(path)) {
      return () => rmSync(path, { force: true });
    }
    const holder = readHolder(path);
    if (holder === undefined) {
      continue; // released between our two calls
    }
    if (!Number.isInteger(holder) || !alive(holder)) {
      removeStaleLock(path, holder);
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`lock ${path} still held by pid ${holder}`);
    await sleep(500);
  }
}
