/* Small readers of untyped Kubernetes JSON, shared by the inverse mapping. */

/** A JSON object as read from the cluster. */
export type Json = Record<string, unknown>;

/** The value as an object, or undefined when it is not one. */
export function asObject(value: unknown): Json | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** The value as an array of objects, or an empty array. */
export function asObjects(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.filter((item): item is Json => asObject(item) !== undefined)
    : [];
}

/** The value as a string map, or undefined when it is not one. */
export function asStringMap(
  value: unknown,
): Record<string, string> | undefined {
  const object = asObject(value);
  if (!object) {
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [key, field] of Object.entries(object)) {
    if (typeof field === 'string') {
      out[key] = field;
    }
  }
  return out;
}

/** The listed keys of an object that are set, as a new object; undefined when none is. */
export function pick<T>(
  value: unknown,
  keys: ReadonlyArray<string>,
): T | undefined {
  const object = asObject(value);
  if (!object) {
    return undefined;
  }
  const out: Json = {};
  for (const key of keys) {
    if (object[key] !== undefined && object[key] !== null) {
      out[key] = object[key];
    }
  }
  return Object.keys(out).length > 0 ? (out as T) : undefined;
}

/** Drops undefined fields and empty arrays and objects left by the mapping. */
export function compactInput<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(compactInput) as T;
  }
  const object = asObject(value);
  if (!object) {
    return value;
  }
  const out: Json = {};
  for (const [key, field] of Object.entries(object)) {
    if (field !== undefined) {
      out[key] = compactInput(field);
    }
  }
  return out as T;
}
