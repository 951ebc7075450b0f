import { ConfigReader } from '@backstage/config';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createDaemonSetActions } from '../actions';

/** Marks the start of the generated section of the README. @internal */
export const ACTIONS_START = '<!-- actions:start -->';
/** Marks the end of the generated section of the README. @internal */
export const ACTIONS_END = '<!-- actions:end -->';

/**
 * The README of this package. This file is development tooling (the `docs:actions` script and
 * its test run it from source); it is not exported, so it never ends up in `dist`.
 *
 * @internal
 */
// eslint-disable-next-line no-restricted-syntax
export const README_PATH = resolve(__dirname, '../../README.md');

/** The two functions of prettier 2 (which ships no types) used here. */
type Prettier = {
  format(source: string, options: object): string;
  resolveConfig: { sync(file: string): object | null };
};
// A devDependency: only the docs script and its test load this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports, @backstage/no-undeclared-imports
const prettier: Prettier = require('prettier');

type JsonSchema = {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  $ref?: string;
};

interface Row {
  field: string;
  type: string;
  required: boolean;
  description: string;
}

/** The `daemonset:*` actions as the scaffolder gets them, created from an empty config. */
function actionsForDocs(): TemplateAction<any, any, any>[] {
  const noop = () => {};
  const logger: any = {
    info: noop,
    warn: noop,
    error: noop,
    debug: noop,
    child: () => logger,
  };
  // Only the schemas are read: the actions never run here, so nothing is discovered or signed.
  const unused = () => {
    throw new Error('not available while rendering the docs');
  };
  return createDaemonSetActions({
    config: new ConfigReader({}),
    logger,
    discovery: { getBaseUrl: unused, getExternalBaseUrl: unused },
    auth: {
      authenticate: unused,
      isPrincipal: unused as any,
      getNoneCredentials: unused,
      getOwnServiceCredentials: unused,
      getPluginRequestToken: unused,
      getLimitedUserToken: unused,
      listPublicServiceKeys: unused,
    },
  });
}

/** `#/properties/containers/items/properties/livenessProbe` -> `containers[].livenessProbe`. */
function fieldOfPointer(pointer: string): string {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .reduce((path, segment, i, all) => {
      if (segment === 'properties') return path;
      if (segment === 'items') return `${path}[]`;
      if (segment === 'additionalProperties') return `${path}.*`;
      return all[i - 1] === 'properties' && path
        ? `${path}.${segment}`
        : path + segment;
    }, '');
}

function literal(value: unknown): string {
  return `\`${JSON.stringify(value)}\``;
}

function typeOf(schema: JsonSchema): string {
  if (schema.$ref) return `same as \`${fieldOfPointer(schema.$ref)}\``;
  if (schema.const !== undefined) return literal(schema.const);
  if (schema.enum) return schema.enum.map(literal).join(' \\| ');
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return union.map(typeOf).join(' \\| ');
  if (schema.allOf) return schema.allOf.map(typeOf).join(' & ');
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types
    .map(type => {
      if (type === 'array') {
        return schema.items ? `${wrap(typeOf(schema.items))}[]` : 'array';
      }
      if (type === 'object') {
        if (schema.properties) return 'object';
        if (
          schema.additionalProperties &&
          typeof schema.additionalProperties === 'object'
        ) {
          return `map of ${typeOf(schema.additionalProperties)}`;
        }
        return 'object';
      }
      return type ?? 'any';
    })
    .join(' \\| ');
}

function wrap(type: string): string {
  return /\s/.test(type) ? `(${type})` : type;
}

function constraints(schema: JsonSchema): string[] {
  const notes: string[] = [];
  if (schema.minimum !== undefined) notes.push(`min ${schema.minimum}`);
  if (schema.maximum !== undefined) notes.push(`max ${schema.maximum}`);
  if (schema.minLength !== undefined && schema.minLength > 1) {
    notes.push(`min length ${schema.minLength}`);
  }
  if (schema.maxLength !== undefined) {
    notes.push(`max length ${schema.maxLength}`);
  }
  if (schema.minItems !== undefined) notes.push(`min ${schema.minItems} items`);
  if (schema.maxItems !== undefined) notes.push(`max ${schema.maxItems} items`);
  return notes;
}

function describe(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.description) {
    parts.push(schema.description.trim().replace(/\s+/g, ' '));
  }
  const notes = constraints(schema);
  if (notes.length > 0) parts.push(`(${notes.join(', ')})`);
  if (schema.default !== undefined) {
    parts.push(`Default ${literal(schema.default)}.`);
  }
  return parts.join(' ').replace(/\|/g, '\\|');
}

/**
 * The alternative `allowEmptyOptionalSections` (daemonset-common) adds to every optional object
 * or array property of the `daemonset:generate` input: an untouched section, which the action
 * treats as absent. It is documented once per table, not in every row.
 */
const EMPTY_SECTION_REF = '#/definitions/daemonSetEmptySection';

function isEmptySectionRef(schema: JsonSchema): boolean {
  return schema.$ref === EMPTY_SECTION_REF;
}

/** The property's own schema, without the untouched-section alternative. */
function withoutEmptySection(schema: JsonSchema): JsonSchema {
  const union = schema.anyOf;
  if (!union?.some(isEmptySectionRef)) return schema;
  const rest = union.filter(alternative => !isEmptySectionRef(alternative));
  return rest.length === 1 ? rest[0] : { ...schema, anyOf: rest };
}

/** One row per field, nested fields as `containers[].resources.limits`. */
function rowsOf(schema: JsonSchema, prefix = '', depth = 0): Row[] {
  const rows: Row[] = [];
  const required = new Set(schema.required ?? []);
  for (const [name, wrapped] of Object.entries(schema.properties ?? {})) {
    const property = withoutEmptySection(wrapped);
    const field = prefix ? `${prefix}.${name}` : name;
    rows.push({
      field,
      type: typeOf(property),
      required: required.has(name),
      description: describe(property),
    });
    if (depth >= 8 || property.$ref) continue;
    if (property.properties) {
      rows.push(...rowsOf(property, field, depth + 1));
    } else if (property.items?.properties) {
      rows.push(...rowsOf(property.items, `${field}[]`, depth + 1));
    }
  }
  return rows;
}

function table(schema: JsonSchema | undefined): string {
  const rows = schema ? rowsOf(schema) : [];
  if (rows.length === 0) return '_None._\n';
  const note = JSON.stringify(schema).includes(EMPTY_SECTION_REF)
    ? [
        'An optional object or list left untouched (`null`, `[]`, `{}`, or one holding only such values) counts as absent.',
        '',
      ]
    : [];
  return [
    ...note,
    '| Field | Type | Required | Description |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      r =>
        `| \`${r.field}\` | ${r.type} | ${r.required ? 'yes' : 'no'} | ${
          r.description
        } |`,
    ),
  ].join('\n');
}

/**
 * Renders the reference of the given actions as markdown: for each, its description and tables
 * of its input and output fields, from the JSON Schemas the scaffolder derives from the zod
 * schemas (so the README says what `GET /api/scaffolder/v2/actions` says).
 *
 * @internal
 */
export function renderActionDocs(
  actions: ReadonlyArray<TemplateAction<any, any, any>> = actionsForDocs(),
): string {
  const sections = actions.map(action => {
    const schema = action.schema as
      | { input?: JsonSchema; output?: JsonSchema }
      | undefined;
    return [
      `### \`${action.id}\``,
      '',
      `${action.description ?? ''}${
        action.supportsDryRun ? ' Supports dry run.' : ''
      }`,
      '',
      '#### Input',
      '',
      table(schema?.input),
      '',
      '#### Output',
      '',
      table(schema?.output),
      '',
    ].join('\n');
  });
  const markdown = [
    "<!-- Generated from the actions' zod schemas by `yarn docs:actions`; do not edit by hand. -->",
    '',
    ...sections,
  ].join('\n');
  const options = prettier.resolveConfig.sync(README_PATH) ?? {};
  return prettier.format(markdown, { ...options, parser: 'markdown' });
}

/**
 * Replaces the text between the `<!-- actions:start -->` and `<!-- actions:end -->` markers.
 *
 * @throws Error when the markers are missing.
 * @internal
 */
export function replaceActionsSection(
  readme: string,
  generated: string,
): string {
  const start = readme.indexOf(ACTIONS_START);
  const end = readme.indexOf(ACTIONS_END);
  if (start < 0 || end < start) {
    throw new Error(
      `README.md needs the markers ${ACTIONS_START} and ${ACTIONS_END}`,
    );
  }
  return `${readme.slice(
    0,
    start + ACTIONS_START.length,
  )}\n\n${generated.trim()}\n\n${readme.slice(end)}`;
}

/** The README as it should be. @internal */
export function expectedReadme(
  readme = readFileSync(README_PATH, 'utf8'),
): string {
  return replaceActionsSection(readme, renderActionDocs());
}
