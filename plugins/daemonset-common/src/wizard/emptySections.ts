/*
 * A scaffolder form sends what it rendered: rjsf fills every optional object it shows with
 * its defaults and every array with `[]`, so an untouched optional section arrives as
 * `{ postStart: { exec: { command: [] } } }` instead of being absent. The generator treats such
 * sections as absent, so a template written by hand cannot fail on them, while anything the
 * user did fill in is still checked strictly.
 */

/**
 * Keys whose empty object is a choice, not an untouched section: `emptyDir: {}` is a volume
 * source with no size limit.
 */
const MEANINGFUL_WHEN_EMPTY = new Set(['emptyDir']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pruneValue(value: unknown): unknown {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (Array.isArray(value)) {
    const items = value.map(pruneValue).filter(item => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      const pruned =
        MEANINGFUL_WHEN_EMPTY.has(key) && isPlainObject(field)
          ? pruneValue(field) ?? {}
          : pruneValue(field);
      if (pruned !== undefined) {
        out[key] = pruned;
      }
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  return value;
}

/**
 * Drops the untouched optional sections of a wizard input: `null`, empty arrays and objects
 * (recursively, so an object holding only empty sections is empty too), except `emptyDir: {}`.
 * Anything else is returned as it is, for the schema to judge.
 *
 * @param raw - a wizard input as a form sent it; not modified.
 * @returns a new value; the root object stays an object even when everything was empty.
 * @public
 */
export function pruneEmptySections(raw: unknown): unknown {
  if (!isPlainObject(raw)) {
    return raw;
  }
  return pruneValue(raw) ?? {};
}

const EMPTY_SECTION_DEFINITION = 'daemonSetEmptySection';

/** JSON Schema of a value {@link pruneEmptySections} drops entirely. */
const emptySectionSchema = {
  anyOf: [
    { type: 'null' },
    {
      type: 'array',
      items: { $ref: `#/definitions/${EMPTY_SECTION_DEFINITION}` },
    },
    {
      type: 'object',
      additionalProperties: {
        $ref: `#/definitions/${EMPTY_SECTION_DEFINITION}`,
      },
    },
  ],
};

type JsonSchema = Record<string, unknown>;

function isSectionSchema(schema: JsonSchema): boolean {
  const type = schema.type;
  const types = Array.isArray(type) ? type : [type];
  return (
    types.includes('object') ||
    types.includes('array') ||
    (Array.isArray(schema.anyOf) &&
      (schema.anyOf as JsonSchema[]).some(isSectionSchema))
  );
}

function withEmptySections(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(withEmptySections);
  }
  if (!isPlainObject(schema)) {
    return schema;
  }
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = withEmptySections(value);
  }
  if (isPlainObject(out.properties)) {
    const required = new Set(
      Array.isArray(out.required) ? (out.required as string[]) : [],
    );
    const properties: JsonSchema = {};
    for (const [name, property] of Object.entries(out.properties)) {
      properties[name] =
        !required.has(name) &&
        isPlainObject(property) &&
        isSectionSchema(property)
          ? {
              anyOf: [
                property,
                { $ref: `#/definitions/${EMPTY_SECTION_DEFINITION}` },
              ],
            }
          : property;
    }
    out.properties = properties;
  }
  return out;
}

/**
 * Makes a JSON Schema of the wizard input (references inlined) accept an untouched optional
 * section wherever an optional object or array property is, exactly as
 * {@link pruneEmptySections} drops it; every other value is checked as before.
 *
 * @remarks
 * The scaffolder validates an action's input against its JSON Schema before the action runs,
 * so without this an empty `lifecycle.postStart.exec.command` would fail there, before
 * the generator could treat it as absent.
 * @public
 */
export function allowEmptyOptionalSections(
  schema: Record<string, unknown>,
): Record<string, unknown> {
  const out = withEmptySections(schema) as JsonSchema;
  return {
    ...out,
    definitions: {
      ...(isPlainObject(out.definitions) ? out.definitions : {}),
      [EMPTY_SECTION_DEFINITION]: emptySectionSchema,
    },
  };
}
