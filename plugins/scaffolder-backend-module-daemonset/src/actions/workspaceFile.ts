import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { isAbsolute } from 'node:path';

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
      `${inputName} must be a relative path inside the workspace, got '${filePath}'`,
    );
  }
  if (segments.includes('..')) {
    throw new InputError(
      `${inputName} must not contain '..' segments, got '${filePath}'`,
    );
  }
  try {
    return resolveSafeChildPath(workspacePath, filePath);
  } catch {
    throw new InputError(
      `${inputName} must stay inside the workspace, got '${filePath}'`,
    );
  }
}

/** A path segment safe for a file name, from a free-form value such as a cluster name. */
export function safeSegment(value: string): string {
  const cleaned = value.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '');
  return cleaned === '' ? 'default' : cleaned;
}
