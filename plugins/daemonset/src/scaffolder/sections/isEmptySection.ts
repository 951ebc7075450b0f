/*
 * Whether a section holds anything the user chose. rjsf fills an optional section it renders
 * with `[]` for arrays, `{}` for objects and the schema's defaults, so "empty" is deep, and a
 * value equal to the schema's defaults counts as untouched.
 */

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` without its empty parts: undefined, null, '' and arrays/objects of only those. */
export function withoutEmpty(value: unknown): unknown {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  if (Array.isArray(value)) {
    const items = value.map(withoutEmpty).filter(item => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const kept = withoutEmpty(field);
      if (kept !== undefined) {
        out[key] = kept;
      }
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}

/** Whether `value` holds nothing but empty arrays, empty objects, undefined, null or ''. */
export function isEmptySection(value: unknown): boolean {
  return withoutEmpty(value) === undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => deepEqual(item, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(key => key in b && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

/**
 * Whether a section is untouched: empty, or (ignoring empty parts) equal to what the form's
 * defaults put there, such as `{ policy: 'append' }` for a DNS section nobody opened.
 */
export function isUntouchedSection(
  value: unknown,
  defaults?: unknown,
): boolean {
  const kept = withoutEmpty(value);
  return kept === undefined || deepEqual(kept, withoutEmpty(defaults));
}
