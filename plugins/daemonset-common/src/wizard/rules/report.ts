import { PathSegment, problem } from '../problems';

/** Records one problem at a path. */
export type Report = (path: PathSegment[], message: string) => void;

/** Reports every later occurrence of a key already seen, naming where it was first used. */
export function checkUnique<T>(
  items: ReadonlyArray<T>,
  keyOf: (item: T) => string | undefined,
  pathOf: (index: number) => PathSegment[],
  what: string,
  report: Report,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) {
      return;
    }
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
    } else {
      report(
        pathOf(index),
        `must be unique: ${what} ${JSON.stringify(key)} is already used at ${
          problem(pathOf(first), '').path
        }`,
      );
    }
  });
}
