/*
 * What an optional section that is switched off holds.
 *
 * At the top level of the form it is `undefined`: rjsf keeps a key set to undefined (it only
 * fills in defaults for absent keys) and the scaffolder's validators skip it.
 *
 * Inside an array item (`containers[i].livenessProbe`) `undefined` cannot be used: on every later
 * page the Stepper's `createAsyncValidators` builds a schema from the data of earlier pages
 * (json-schema-library), gets `undefined` for such a key in `items.properties`, and throws
 * "Cannot use 'in' operator to search for 'ui:field' in undefined", so Next stops working.
 * There the section holds, in this order of preference:
 * - `null` when its schema allows it (`type: [object, 'null']`);
 * - `[]` for a list;
 * - nothing at all when rjsf would not put anything back (its defaults for the section are
 *   `{}`): the section sends `undefined` and the DaemonSetSection around the array deletes the
 *   key (`withoutUndefinedItemKeys`); this also suits a section with `required` fields;
 * - otherwise the object with each of its fields set to undefined (sent as `{}`), which rjsf
 *   keeps as it is. The JSON Schema check rejects it if the section itself lists `required`
 *   fields: give such a section no defaults (or a nullable type).
 * The generator drops all of them (`pruneEmptySections`).
 */

type JsonSchema = Record<string, unknown>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function types(schema: JsonSchema): unknown[] {
  return Array.isArray(schema.type) ? schema.type : [schema.type];
}

/** Whether an rjsf id (`root_containers_0_lifecycle`) lies inside an array item. */
export function isInsideArrayItem(
  id: string,
  idPrefix = 'root',
  idSeparator = '_',
): boolean {
  const rest = id.startsWith(idPrefix + idSeparator)
    ? id.slice(idPrefix.length + idSeparator.length)
    : id;
  return rest.split(idSeparator).some(part => /^\d+$/.test(part));
}

/**
 * The value an optional section holds while it is off (see the file comment). `defaults` is
 * what rjsf fills the section with when its key is absent.
 */
export function offValueFor(
  schema: JsonSchema,
  insideArrayItem: boolean,
  defaults?: unknown,
): unknown {
  if (!insideArrayItem) {
    return undefined;
  }
  const schemaTypes = types(schema);
  if (schemaTypes.includes('null')) {
    return null;
  }
  if (schemaTypes.includes('array') || schema.items !== undefined) {
    return [];
  }
  if (
    defaults === undefined ||
    (isPlainObject(defaults) && Object.keys(defaults).length === 0)
  ) {
    return undefined;
  }
  return Object.fromEntries(
    [...propertyNames(schema)].map(key => [key, undefined]),
  );
}

/** The fields an object schema may hold, including those of its anyOf/oneOf/allOf options. */
function propertyNames(
  schema: unknown,
  names = new Set<string>(),
): Set<string> {
  if (!isPlainObject(schema)) {
    return names;
  }
  if (isPlainObject(schema.properties)) {
    Object.keys(schema.properties).forEach(name => names.add(name));
  }
  for (const combinator of ['anyOf', 'oneOf', 'allOf']) {
    const options = schema[combinator];
    if (Array.isArray(options)) {
      options.forEach(option => propertyNames(option, names));
    }
  }
  return names;
}

/** Whether `value` already is the off value `off` (as rjsf keeps it). */
export function isOffValue(value: unknown, off: unknown): boolean {
  if (off === undefined || off === null) {
    return value === off;
  }
  if (Array.isArray(off)) {
    return Array.isArray(value) && value.length === 0;
  }
  return (
    isPlainObject(value) &&
    Object.keys(off as object).every(key => key in value) &&
    Object.values(value).every(field => field === undefined)
  );
}

/**
 * Deletes, in place, the keys set to `undefined` in objects that are array items, anywhere in
 * `data`: rjsf sets a cleared text field to undefined, and such a key in an item of an earlier
 * page makes the Stepper's validation throw on every later page (see the file comment).
 */
export function dropUndefinedItemKeys(data: unknown, inArray = false): void {
  if (Array.isArray(data)) {
    for (const item of data) {
      dropUndefinedItemKeys(item, true);
    }
    return;
  }
  if (!isPlainObject(data)) {
    return;
  }
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) {
      if (inArray) {
        delete data[key];
      }
    } else {
      dropUndefinedItemKeys(value, false);
    }
  }
}

/**
 * `data` without the keys set to `undefined` in objects that are array items (a copy where
 * something changes): applied to every change a section passes up, so the Stepper never stores
 * such keys, not even when the user goes Back instead of Next.
 */
export function withoutUndefinedItemKeys<T>(data: T, inArray = false): T {
  if (Array.isArray(data)) {
    let changed = false;
    const items = data.map(item => {
      const kept = withoutUndefinedItemKeys(item, true);
      changed ||= kept !== item;
      return kept;
    });
    return (changed ? items : data) as T;
  }
  if (!isPlainObject(data)) {
    return data;
  }
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined && inArray) {
      changed = true;
      continue;
    }
    const kept = withoutUndefinedItemKeys(value, false);
    changed ||= kept !== value;
    out[key] = kept;
  }
  return (changed ? out : data) as T;
}
