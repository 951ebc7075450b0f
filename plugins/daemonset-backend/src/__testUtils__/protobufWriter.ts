import type {
  FieldSchema,
  MessageSchema,
} from '../watch/protobuf/messageSchema';

/** Writes protobuf's wire format, for tests of the decoder. */
export class ProtoWriter {
  private readonly bytes: number[] = [];

  varint(value: number | bigint): this {
    // Negative values are written as two's complement int64 (ten bytes), as Go writes int32s.
    let v = BigInt.asUintN(64, BigInt(value));
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.bytes.push(v > 0n ? low | 0x80 : low);
    } while (v > 0n);
    return this;
  }

  tag(number: number, wireType: number): this {
    return this.varint(number * 8 + wireType);
  }

  raw(bytes: Uint8Array | number[]): this {
    this.bytes.push(...bytes);
    return this;
  }

  /** A length-delimited field holding `bytes`. */
  delimited(number: number, bytes: Uint8Array | number[]): this {
    return this.tag(number, 2).varint(bytes.length).raw(bytes);
  }

  string(number: number, text: string): this {
    return this.delimited(number, Buffer.from(text, 'utf8'));
  }

  message(number: number, write: (writer: ProtoWriter) => void): this {
    const inner = new ProtoWriter();
    write(inner);
    return this.delimited(number, inner.bytes);
  }

  toBuffer(): Buffer {
    return Buffer.from(this.bytes);
  }
}

/** Fields no schema reads, put between the known ones: each wire type the decoder must skip. */
export type UnknownField = (writer: ProtoWriter) => void;

export const UNKNOWN_FIELDS: readonly UnknownField[] = [
  w => w.tag(99, 0).varint(-1),
  w => w.tag(98, 1).raw([1, 2, 3, 4, 5, 6, 7, 8]),
  w => w.string(97, 'not read'),
  w => w.tag(96, 5).raw([0xff, 0xff, 0xff, 0xff]),
  w => w.message(95, inner => inner.string(1, 'nested').tag(2, 0).varint(7)),
];

const secondsOf = (time: string) => Math.round(Date.parse(time) / 1000);

function writeValue(
  writer: ProtoWriter,
  field: FieldSchema,
  value: unknown,
): void {
  const { number, type } = field;
  switch (type) {
    case 'string':
      writer.string(number, value as string);
      break;
    case 'int':
      writer.tag(number, 0).varint(value as number);
      break;
    case 'bool':
      writer.tag(number, 0).varint(value ? 1 : 0);
      break;
    case 'time':
      // A zero Time (JSON null) is written as an empty message.
      writer.message(number, w => {
        if (value !== null) w.tag(1, 0).varint(secondsOf(value as string));
      });
      break;
    case 'stringMap':
      for (const key of Object.keys(value as object).sort()) {
        writer.message(number, w =>
          w.string(1, key).string(2, (value as Record<string, string>)[key]),
        );
      }
      break;
    default:
      writer.message(number, w => writeAsGo(w, type, value, []));
  }
}

const ZERO: Record<string, unknown> = {
  string: '',
  int: 0,
  bool: false,
  time: null,
};

/**
 * Writes `json`, an object as the API server's JSON has it, the way Go's generated marshalers
 * write the same object: every non-pointer field, zero or not (a field JSON leaves out as zero
 * is written as its zero value); a pointer only when set; lists element by element; maps by
 * sorted key. `unknown` fields are put after the known field of the same index.
 */
export function writeAsGo(
  writer: ProtoWriter,
  schema: MessageSchema,
  json: unknown,
  unknown: readonly UnknownField[],
): void {
  const object = (json ?? {}) as Record<string, unknown>;
  schema.fields.forEach((field, index) => {
    const value = object[field.name];
    if (field.repeated) {
      for (const element of (value as unknown[] | null | undefined) ?? []) {
        writeValue(writer, { ...field, repeated: false }, element);
      }
    } else if (value !== undefined) {
      writeValue(writer, field, value);
    } else if (field.json !== 'onWire' && field.type !== 'stringMap') {
      writeValue(
        writer,
        field,
        typeof field.type === 'string' ? ZERO[field.type] : {},
      );
    }
    unknown[index]?.(writer);
  });
}

/** The API server's envelope: `k8s\0`, then a `runtime.Unknown` holding the object. */
export function enveloped(
  kind: string,
  write: (writer: ProtoWriter) => void,
): Buffer {
  const writer = new ProtoWriter()
    .raw([0x6b, 0x38, 0x73, 0x00])
    .message(1, w => w.string(1, 'v1').string(2, kind))
    .message(2, write)
    .string(3, '')
    .string(4, '');
  return writer.toBuffer();
}
