/**
 * Containment of absolute POSIX paths, the one rule the approval policy, the manifest policy and
 * the frontend's highlighting share.
 */

/** Resolves `.`, `..` and repeated slashes of an absolute POSIX path, like `path.posix.normalize`. */
function normalisePosixPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') {
      segments.pop();
    } else if (segment !== '' && segment !== '.') {
      segments.push(segment);
    }
  }
  return `/${segments.join('/')}`;
}

/**
 * Whether a path lies under one of the prefixes (`/var/log` covers `/var/log/app`, not
 * `/var/log/../etc`).
 *
 * @public
 */
export function isPathUnder(
  path: string,
  prefixes: ReadonlyArray<string>,
): boolean {
  const target = normalisePosixPath(path);
  return prefixes.some(prefix => {
    const base = normalisePosixPath(prefix);
    return base === '/' || target === base || target.startsWith(`${base}/`);
  });
}
