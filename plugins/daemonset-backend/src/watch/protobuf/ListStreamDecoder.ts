import { LIST_META_DECODER } from './kubernetesMessages';
import { ProtobufFormatError, ProtoReader } from './ProtoReader';
import { DecodedMessage, decodeMessage } from './shapeDecoder';

/** Every protobuf object of the API server starts with these four bytes: "k8s\0". */
export const KUBERNETES_MAGIC: readonly number[] = [0x6b, 0x38, 0x73, 0x00];

/** Whether `bytes` holds the magic bytes of a Kubernetes protobuf object at `start`. */
export function startsKubernetesObject(bytes: Buffer, start = 0): boolean {
  return KUBERNETES_MAGIC.every((byte, i) => bytes[start + i] === byte);
}

const LIST_META_FIELD = 1;
const ITEMS_FIELD = 2;
/** The field of the envelope (`runtime.Unknown`) that holds the encoded list. */
const RAW_FIELD = 2;

/** The lengths of the fixed-size wire types: 64 and 32 bits. */
const FIXED_LENGTHS: Record<number, number | undefined> = { 1: 8, 5: 4 };

/** A varint at `pos` of `data`, or undefined when `data` ends inside it. */
function varintAt(
  data: Buffer,
  pos: number,
): { value: number; next: number } | undefined {
  let value = 0;
  for (let shift = 0, i = pos; i < data.length; shift += 7, i++) {
    if (shift > 35) throw new ProtobufFormatError('bad varint');
    value += (data[i] & 0x7f) * 2 ** shift;
    if (data[i] < 0x80) return { value, next: i + 1 };
  }
  return undefined;
}

/**
 * One field at `pos`: its number, wire type, where its value starts and ends; undefined while
 * `data` does not hold it whole.
 */
function fieldAt(data: Buffer, pos: number) {
  const tag = varintAt(data, pos);
  if (!tag) return undefined;
  const wireType = tag.value & 7;
  const number = Math.floor(tag.value / 8);
  if (wireType === 2) {
    const length = varintAt(data, tag.next);
    if (!length || length.next + length.value > data.length) return undefined;
    return {
      number,
      wireType,
      start: length.next,
      end: length.next + length.value,
    };
  }
  const fixed = FIXED_LENGTHS[wireType] ?? 0;
  if (fixed) {
    const end = tag.next + fixed;
    return end > data.length
      ? undefined
      : { number, wireType, start: tag.next, end };
  }
  const varint = varintAt(data, tag.next);
  return varint && { number, wireType, start: tag.next, end: varint.next };
}

/**
 * Decodes the API server's protobuf list answer (a `PodList`, `NodeList`…) while it arrives:
 * each item as soon as its bytes are in, so that decoding overlaps the transfer instead of
 * following it. Items are read as `item` keeps them, the list's metadata as the JSON list's.
 *
 * @internal
 */
export class ListStreamDecoder {
  readonly items: Record<string, unknown>[] = [];
  metadata: Record<string, unknown> = {};
  private rest?: Buffer;
  /** How far into the answer `rest` starts. */
  private offset = 0;
  private state: 'magic' | 'envelope' | 'list' | 'after' = 'magic';
  /** Where the list ends, counted from the answer's start. */
  private listEnd = 0;

  constructor(private readonly item: DecodedMessage) {}

  /** Takes in the next bytes of the answer; decodes every item they complete. */
  push(chunk: Buffer): void {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      if (this.state === 'magic') {
        if (data.length < KUBERNETES_MAGIC.length) break;
        if (!startsKubernetesObject(data)) {
          throw new ProtobufFormatError('not a Kubernetes protobuf object');
        }
        pos = KUBERNETES_MAGIC.length;
        this.state = 'envelope';
      } else if (this.state === 'envelope') {
        const tag = varintAt(data, pos);
        if (!tag) break;
        if (tag.value === ((RAW_FIELD << 3) | 2)) {
          const length = varintAt(data, tag.next);
          if (!length) break;
          this.listEnd = this.offset + length.next + length.value;
          pos = length.next;
          this.state = 'list';
        } else {
          const field = fieldAt(data, pos);
          if (!field) break;
          pos = field.end;
        }
      } else if (this.state === 'list') {
        if (this.offset + pos >= this.listEnd) {
          this.state = 'after';
          continue;
        }
        const field = fieldAt(data, pos);
        if (!field) break;
        if (this.offset + field.end > this.listEnd) {
          throw new ProtobufFormatError('a field runs past its message');
        }
        if (field.wireType === 2 && field.number === ITEMS_FIELD) {
          const reader = new ProtoReader(data, field.start, field.end);
          this.items.push(decodeMessage(reader, this.item, field.end));
        } else if (field.wireType === 2 && field.number === LIST_META_FIELD) {
          const reader = new ProtoReader(data, field.start, field.end);
          this.metadata = decodeMessage(reader, LIST_META_DECODER, field.end);
        }
        pos = field.end;
      } else {
        // After the list: the envelope's content encoding and type, not read.
        pos = data.length;
        break;
      }
    }
    this.offset += pos;
    this.rest = pos < data.length ? data.subarray(pos) : undefined;
  }

  /** Ends the answer: the list, or an error when it was cut short. */
  end(): {
    metadata: Record<string, unknown>;
    items: Record<string, unknown>[];
  } {
    if (this.state !== 'after') {
      throw new ProtobufFormatError('list answer cut short');
    }
    return { metadata: this.metadata, items: this.items };
  }
}
