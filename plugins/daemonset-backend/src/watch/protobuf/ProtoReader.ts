/** Protobuf wire types (the low three bits of a field's tag). */
export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

/**
 * The text in a protobuf answer cannot be read: cut short, or not protobuf at all.
 *
 * @internal
 */
export class ProtobufFormatError extends Error {
  override readonly name = 'ProtobufFormatError';
}

const TWO_POW_32 = 2 ** 32;

/**
 * Reads protobuf's wire format from a byte range: varints, length-delimited fields, and skipping
 * what is not read, without decoding it.
 *
 * @internal
 */
export class ProtoReader {
  pos: number;

  constructor(readonly bytes: Buffer, start = 0, readonly end = bytes.length) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned varint of up to 32 bits (tags, lengths); longer ones are refused. */
  uint32(): number {
    const { bytes, end } = this;
    let value = 0;
    let shift = 0;
    while (this.pos < end) {
      const byte = bytes[this.pos++];
      if (shift < 28) value |= (byte & 0x7f) << shift;
      else value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return value;
      shift += 7;
      if (shift > 35) break;
    }
    throw new ProtobufFormatError('bad varint');
  }

  /**
   * A varint read as a two's complement int64 (int32 and int64 fields; negative int32 values are
   * written sign-extended to ten bytes), exact within ±2^53.
   */
  int64(): number {
    const { bytes, end } = this;
    let low = 0;
    let high = 0;
    let shift = 0;
    for (;;) {
      if (this.pos >= end || shift > 63) {
        throw new ProtobufFormatError('bad varint');
      }
      const byte = bytes[this.pos++];
      const bits = byte & 0x7f;
      if (shift < 28) {
        low |= bits << shift;
      } else if (shift === 28) {
        low |= (bits & 0x0f) << 28;
        high |= bits >>> 4;
      } else {
        high |= bits << (shift - 32);
      }
      if (byte < 0x80) break;
      shift += 7;
    }
    return (high | 0) * TWO_POW_32 + (low >>> 0);
  }

  /** The length of a length-delimited field, checked against the bytes left. */
  length(): number {
    const length = this.uint32();
    if (length > this.end - this.pos) {
      throw new ProtobufFormatError('field runs past its message');
    }
    return length;
  }

  /** Reads a length-delimited field's length and returns where its value ends. */
  messageEnd(): number {
    const length = this.length();
    return this.pos + length;
  }

  string(): string {
    const length = this.length();
    const start = this.pos;
    this.pos += length;
    return utf8(this.bytes, start, this.pos);
  }

  /** Passes over one field's value of wire type `wireType`. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        while (this.bytes[this.pos++] >= 0x80 && this.pos < this.end);
        if (this.bytes[this.pos - 1] >= 0x80) {
          throw new ProtobufFormatError('bad varint');
        }
        break;
      case WIRE_FIXED64:
        this.pos += 8;
        break;
      case WIRE_LENGTH_DELIMITED: {
        const length = this.length();
        this.pos += length;
        break;
      }
      case WIRE_FIXED32:
        this.pos += 4;
        break;
      default:
        throw new ProtobufFormatError(`unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) {
      throw new ProtobufFormatError('field runs past its message');
    }
  }
}

/** Short ASCII strings are kept once here, by a hash of their bytes: most of a fleet's repeat. */
const INTERNED_SLOTS = 8192;
const MAX_INTERNED_LENGTH = 64;
const interned: Array<string | undefined> = new Array(INTERNED_SLOTS);

/**
 * A string's UTF-8 bytes as a string. Short ASCII ones (names, labels, reasons, images) are
 * looked up in a small direct-mapped table first: one string for every equal value, and no call
 * into the UTF-8 decoder for them.
 */
function utf8(bytes: Buffer, start: number, end: number): string {
  const length = end - start;
  if (length > MAX_INTERNED_LENGTH) return bytes.toString('utf8', start, end);
  let hash = length;
  for (let i = start; i < end; i++) {
    const code = bytes[i];
    if (code >= 0x80) return bytes.toString('utf8', start, end);
    hash = Math.imul(hash ^ code, 0x01000193);
  }
  const slot = (hash >>> 0) & (INTERNED_SLOTS - 1);
  const known = interned[slot];
  if (known !== undefined && known.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (known.charCodeAt(i) !== bytes[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return known;
  }
  const text = bytes.toString('latin1', start, end);
  interned[slot] = text;
  return text;
}
