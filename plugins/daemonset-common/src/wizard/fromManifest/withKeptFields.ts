// Through the main entry point, so that the `/kubernetes` API report imports it.
import type { KeptField } from '@daemonsets/plugin-daemonset-common';
import { keptObjectName } from './keptFields';

function setPath(
  target: Record<string, unknown>,
  path: ReadonlyArray<string | number>,
  value: unknown,
): void {
  let node: any = target;
  path.forEach((part, i) => {
    if (i === path.length - 1) {
      node[part] = structuredClone(value);
      return;
    }
    if (node[part] === undefined || node[part] === null) {
      node[part] = typeof path[i + 1] === 'number' ? [] : {};
    }
    node = node[part];
  });
}

/**
 * Writes the kept fields back onto generated objects (copies; the arguments are unchanged), so
 * what an edit applies still carries what the wizard could not express.
 *
 * @public
 */
export function withKeptFields<
  T extends { kind: string; metadata: { name: string } },
>(objects: ReadonlyArray<T>, kept: ReadonlyArray<KeptField>): T[] {
  return objects.map(object => {
    const copy = structuredClone(object);
    for (const field of kept) {
      if (field.object === keptObjectName(object)) {
        setPath(
          copy as unknown as Record<string, unknown>,
          field.path,
          field.value,
        );
      }
    }
    return copy;
  });
}
