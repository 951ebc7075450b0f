import type { PathSegment } from './problems';

const IDENTIFIER_START = /[A-Za-z_$]/;
const IDENTIFIER_PART = /[A-Za-z0-9_$]/;

/**
 * Reads a {@link Problem} path back into its segments: the inverse of `formatPath`.
 * `containers[0].image` gives `['containers', 0, 'image']`,
 * `labels["app.kubernetes.io/name"]` gives `['labels', 'app.kubernetes.io/name']`, and the
 * empty path (the input as a whole) gives `[]`.
 *
 * @param path - a path as a {@link Problem} carries it.
 * @returns its segments: object keys as strings, array indices as numbers.
 * @throws Error when `path` is not written the way `formatPath` writes paths.
 * @public
 */
export function parseProblemPath(path: string): Array<string | number> {
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(
      `Invalid problem path ${JSON.stringify(path)} at ${i}: ${what}`,
    );
  };
  const identifier = (): string => {
    const start = i;
    if (i >= path.length || !IDENTIFIER_START.test(path[i])) {
      fail('expected a field name');
    }
    i++;
    while (i < path.length && IDENTIFIER_PART.test(path[i])) {
      i++;
    }
    return path.slice(start, i);
  };
  const bracket = (): PathSegment => {
    i++; // '['
    if (path[i] === '"') {
      // A JSON string: find its closing quote, skipping escaped characters.
      const start = i;
      i++;
      while (i < path.length && path[i] !== '"') {
        i += path[i] === '\\' ? 2 : 1;
      }
      if (i >= path.length) {
        fail('unterminated quoted key');
      }
      i++;
      let key: unknown;
      try {
        key = JSON.parse(path.slice(start, i));
      } catch {
        fail('invalid quoted key');
      }
      if (path[i] !== ']') {
        fail("expected ']'");
      }
      i++;
      return key as string;
    }
    const match = /^(0|[1-9][0-9]*)\]/.exec(path.slice(i));
    if (!match) {
      return fail('expected an index or a quoted key');
    }
    i += match[0].length;
    return Number(match[1]);
  };

  while (i < path.length) {
    if (path[i] === '[') {
      segments.push(bracket());
    } else if (segments.length === 0) {
      segments.push(identifier());
    } else if (path[i] === '.') {
      i++;
      segments.push(identifier());
    } else {
      fail("expected '.' or '['");
    }
  }
  return segments;
}
