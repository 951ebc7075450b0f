import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { promises as fs } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/** The path as quoted in errors: at most 200 characters. */
function quoted(filePath: string): string {
  return filePath.length > 200
    ? `${filePath.slice(0, 200)}…' (${filePath.length} characters)`
    : `${filePath}'`;
}

/**
 * Resolves a template-supplied path inside the task workspace.
 *
 * @throws InputError naming the input when the path is absolute or leaves the workspace.
 */
export function resolveWorkspaceFile(
  workspacePath: string,
  filePath: string,
  inputName: string = 'filePath',
): string {
  const segments = filePath.split(/[\\/]+/);
  if (
    filePath.trim() === '' ||
    isAbsolute(filePath) ||
    /^[A-Za-z]:/.test(filePath)
  ) {
    throw new InputError(
      `${inputName} must be a relative path inside the workspace, got '${quoted(
        filePath,
      )}`,
    );
  }
  if (segments.includes('..')) {
    throw new InputError(
      `${inputName} must not contain '..' segments, got '${quoted(filePath)}`,
    );
  }
  if (filePath.includes('\0')) {
    throw new InputError(`${inputName} must not contain NUL characters`);
  }
  let target: string;
  try {
    target = resolveSafeChildPath(workspacePath, filePath);
  } catch {
    throw new InputError(
      `${inputName} must stay inside the workspace, got '${quoted(filePath)}`,
    );
  }
  if (target === resolve(workspacePath)) {
    throw new InputError(
      `${inputName} must name a file in the workspace, got '${quoted(
        filePath,
      )}`,
    );
  }
  return target;
}

/**
 * Reads a template-supplied file of the workspace as text.
 *
 * @throws InputError naming the input when the path is not allowed or the file cannot be read
 * (the error code only: no absolute path in the message).
 */
export async function readWorkspaceFile(
  workspacePath: string,
  filePath: string,
  inputName: string = 'filePath',
): Promise<string> {
  const target = resolveWorkspaceFile(workspacePath, filePath, inputName);
  try {
    return await fs.readFile(target, 'utf8');
  } catch (error) {
    throw new InputError(
      `${inputName} '${quoted(filePath)} cannot be read from the workspace (${
        (error as NodeJS.ErrnoException).code ?? 'error'
      })`,
    );
  }
}

/** A path segment safe for a file name, from a free-form value such as a cluster name. */
export function safeSegment(value: string): string {
  const cleaned = value
    .slice(0, 100) // file names are limited (255 bytes); cluster names are free-form
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .replace(/^\.+/, '');
  return cleaned === '' ? 'default' : cleaned;
}
