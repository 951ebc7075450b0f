import { deepFreeze, FieldRule, FieldShape, ruleOf } from '../trim';
import type { FieldSchema, JsonPresence, MessageSchema } from './messageSchema';
import {
  ProtobufFormatError,
  ProtoReader,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
} from './ProtoReader';

type Scalar = 'string' | 'int' | 'bool' | 'time' | 'stringMap';

/** Above this many distinct values of one shared field its pool starts afresh, as the trim's. */
const MAX_SHARED_VALUES = 10_000;

interface DecodedField {
  readonly number: number;
  readonly name: string;
  readonly type: Scalar | DecodedMessage;
  readonly json: JsonPresence;
  readonly repeated: boolean;
  readonly wireType: number;
  /** Equal values shared (a `shared` field of the shape), by their JSON as the trim does. */
  readonly pool: Map<string, unknown> | undefined;
  /**
   * The value is all its bytes say (a map of strings, a message kept whole): equal bytes are an
   * equal value, looked up before decoding. A message keeping only some fields is not: a pod's
   * containers differ in bytes (each mounts its own token volume) but not in name and image.
   */
  readonly byBytes: boolean;
  /** Only the elements whose `field` is one of `values` are kept (a {@link where} field). */
  readonly where: { field: string; values: ReadonlySet<unknown> } | undefined;
}

/**
 * The fields of a message that a shape keeps, in the shape's order, ready to decode.
 *
 * @internal
 */
export interface DecodedMessage {
  readonly fields: readonly DecodedField[];
  /** The index in `fields` of each field number (protobuf field numbers are small). */
  readonly indexOf: ReadonlyArray<number | undefined>;
  /**
   * The values of the message being decoded, by field index: one array per message, reused (a
   * message never holds itself), so that decoding a fleet does not allocate an array for each of
   * its hundreds of thousands of messages, which the young generation's collections then have to
   * sweep past.
   */
  readonly values: unknown[];
  /** Applied to every decoded object of this message (a pod's spec: see `podDecoder`). */
  refine:
    | ((object: Record<string, unknown>) => Record<string, unknown>)
    | undefined;
}

function fieldOf(schema: MessageSchema, name: string): FieldSchema {
  const field = schema.fields.find(f => f.name === name);
  if (!field) {
    throw new Error(
      `protobuf schema has no field ${name}: add it to kubernetesMessages.ts`,
    );
  }
  return field;
}

function compileField(field: FieldSchema, rule: FieldRule): DecodedField {
  // Every field object has the same members in the same order: the decoding loop reads them for
  // every field of every object, and one hidden class keeps those reads monomorphic.
  const base = {
    number: field.number,
    name: field.name,
    json: field.json,
    repeated: field.repeated,
    wireType:
      field.type === 'int' || field.type === 'bool'
        ? WIRE_VARINT
        : WIRE_LENGTH_DELIMITED,
    pool: undefined,
    byBytes: false,
    where: undefined,
  };
  const typeOf = (shape: FieldShape | 'whole') => {
    if (typeof field.type === 'string') {
      if (shape !== 'whole') {
        throw new Error(
          `the shape keeps fields of ${field.name}, a ${field.type}`,
        );
      }
      return field.type;
    }
    return compileMessage(field.type, shape);
  };
  switch (rule.keep) {
    case 'whole':
      return { ...base, type: typeOf('whole') };
    case 'fields':
      return { ...base, type: typeOf(rule.shape) };
    case 'where':
      return {
        ...base,
        where: { field: rule.field, values: rule.values },
        type: typeOf(rule.shape),
      };
    case 'shared': {
      const inner = compileField(field, rule.inner);
      // A shared string is interned by the reader already; objects and lists are pooled.
      if (typeof inner.type === 'string' && inner.type !== 'stringMap') {
        return inner;
      }
      return {
        ...inner,
        pool: new Map(),
        byBytes: inner.type === 'stringMap' || rule.inner.keep === 'whole',
      };
    }
    default:
      throw new Error('unknown field rule');
  }
}

function compileMessage(
  schema: MessageSchema,
  shape: FieldShape | 'whole',
): DecodedMessage {
  const fields =
    shape === 'whole'
      ? schema.fields.map(field => compileField(field, { keep: 'whole' }))
      : Object.keys(shape).map(name =>
          compileField(fieldOf(schema, name), ruleOf(shape[name])),
        );
  return {
    fields,
    indexOf: fields.reduce<Array<number | undefined>>((byNumber, field, i) => {
      byNumber[field.number] = i;
      return byNumber;
    }, []),
    values: new Array(fields.length).fill(undefined),
    refine: undefined,
  };
}

/**
 * A decoder of `schema`'s message keeping what `shape` keeps: its objects are those the trim of
 * `shape` makes of the API server's JSON for the same object (`trim.ts`), equal values of shared
 * fields shared. Throws when `schema` lacks a field that `shape` keeps.
 *
 * @internal
 */
export function shapeDecoder(
  shape: FieldShape,
  schema: MessageSchema,
): DecodedMessage {
  return compileMessage(schema, shape);
}

/** RFC 3339 in whole seconds, as `metav1.Time` writes JSON; recent values kept, they repeat. */
const timeTexts = new Map<number, string>();
const MAX_TIME_TEXTS = 4096;

function timeText(seconds: number): string {
  let text = timeTexts.get(seconds);
  if (text === undefined) {
    text = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    if (timeTexts.size >= MAX_TIME_TEXTS) timeTexts.clear();
    timeTexts.set(seconds, text);
  }
  return text;
}

function readTime(reader: ProtoReader): string | null {
  const end = reader.messageEnd();
  if (reader.pos === end) return null; // a zero Time is written empty
  let seconds = 0;
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === ((1 << 3) | WIRE_VARINT)) seconds = reader.int64();
    else reader.skip(tag & 7);
  }
  return timeText(seconds);
}

function readStringMapEntry(
  reader: ProtoReader,
  into: Record<string, string>,
): void {
  const end = reader.messageEnd();
  let key = '';
  let value = '';
  while (reader.pos < end) {
    const tag = reader.uint32();
    if (tag === ((1 << 3) | WIRE_LENGTH_DELIMITED)) key = reader.string();
    else if (tag === ((2 << 3) | WIRE_LENGTH_DELIMITED))
      value = reader.string();
    else reader.skip(tag & 7);
  }
  into[key] = value;
}

function readValue(reader: ProtoReader, type: DecodedField['type']): unknown {
  switch (type) {
    case 'string':
      return reader.string();
    case 'int':
      return reader.int64();
    case 'bool':
      return reader.int64() !== 0;
    case 'time':
      return readTime(reader);
    default: {
      const end = reader.messageEnd();
      return decodeMessage(reader, type as DecodedMessage, end);
    }
  }
}

/** Reads one occurrence of `field` (its tag just read) into `values`. */
function readInto(
  reader: ProtoReader,
  field: DecodedField,
  values: unknown[],
  index: number,
) {
  if (field.type === 'stringMap') {
    readStringMapEntry(
      reader,
      (values[index] ??= {}) as Record<string, string>,
    );
  } else if (field.repeated) {
    ((values[index] ??= []) as unknown[]).push(readValue(reader, field.type));
  } else {
    values[index] = readValue(reader, field.type);
  }
}

function pooled(pool: Map<string, unknown>, key: string, value: unknown) {
  const known = pool.get(key);
  if (known !== undefined) return known;
  if (pool.size >= MAX_SHARED_VALUES) pool.clear();
  pool.set(key, deepFreeze(value));
  return value;
}

/**
 * A shared field whose bytes are its value: its run of occurrences (a list's elements, a map's
 * entries: written one after the other) is looked up by its bytes and decoded only when new.
 */
function readSharedBytes(
  reader: ProtoReader,
  field: DecodedField,
  tag: number,
  tagStart: number,
  end: number,
  values: unknown[],
  index: number,
): void {
  const valueStart = reader.pos;
  reader.skip(field.wireType);
  let runEnd = reader.pos;
  while (runEnd < end) {
    const next = reader.uint32();
    if (next !== tag) break;
    reader.skip(field.wireType);
    runEnd = reader.pos;
  }
  const key = reader.bytes.toString('latin1', tagStart, runEnd);
  let value = field.pool!.get(key);
  if (value === undefined) {
    const run: unknown[] = [];
    reader.pos = valueStart;
    readInto(reader, field, run, 0);
    while (reader.pos < runEnd) {
      reader.uint32();
      readInto(reader, field, run, 0);
    }
    value = pooled(field.pool!, key, run[0]);
  }
  reader.pos = runEnd;
  values[index] =
    values[index] === undefined
      ? value
      : [...(values[index] as unknown[]), ...(value as unknown[])];
}

function isZero(value: unknown): boolean {
  if (value === '' || value === 0 || value === false || value === null) {
    return true;
  }
  if (Array.isArray(value)) return value.length === 0;
  return typeof value === 'object' && Object.keys(value as object).length === 0;
}

function zeroOf(field: DecodedField): unknown {
  if (field.repeated) return null;
  switch (field.type) {
    case 'string':
      return '';
    case 'int':
      return 0;
    case 'bool':
      return false;
    case 'time':
    case 'stringMap':
      return null;
    default:
      return objectOf(field.type, []);
  }
}

function objectOf(
  message: DecodedMessage,
  values: unknown[],
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const { fields } = message;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const value = values[i];
    if (value === undefined) {
      if (field.json === 'always') object[field.name] = zeroOf(field);
    } else if (field.json !== 'nonZero' || !isZero(value)) {
      const where = field.where;
      if (where) {
        object[field.name] = (value as Record<string, unknown>[]).filter(
          element => where.values.has(element[where.field]),
        );
      } else if (field.pool && !field.byBytes) {
        object[field.name] = pooled(field.pool, JSON.stringify(value), value);
      } else {
        object[field.name] = value;
      }
    }
  }
  return message.refine ? message.refine(object) : object;
}

/**
 * Reads the message in `reader` up to `end` as `message` says.
 *
 * @internal
 */
export function decodeMessage(
  reader: ProtoReader,
  message: DecodedMessage,
  end: number,
): Record<string, unknown> {
  const { fields, indexOf, values } = message;
  values.fill(undefined);
  while (reader.pos < end) {
    const tagStart = reader.pos;
    const tag = reader.uint32();
    const index = indexOf[tag >>> 3];
    const field = index === undefined ? undefined : fields[index];
    if (!field || (tag & 7) !== field.wireType) {
      reader.skip(tag & 7);
    } else if (field.byBytes) {
      readSharedBytes(reader, field, tag, tagStart, end, values, index!);
    } else {
      readInto(reader, field, values, index!);
    }
  }
  if (reader.pos !== end) {
    throw new ProtobufFormatError('a field runs past its message');
  }
  return objectOf(message, values);
}
