import { ProtobufFormatError, ProtoReader } from './ProtoReader';
import { BOOKMARK_DECODER, STATUS_DECODER } from './kubernetesMessages';
import {
  KUBERNETES_MAGIC,
  ListStreamDecoder,
  startsKubernetesObject,
} from './ListStreamDecoder';
import { DecodedMessage, decodeMessage } from './shapeDecoder';

/** What to ask the API server for: protobuf where it has it, JSON where it has not (CRDs). */
export const PROTOBUF_OR_JSON =
  'application/vnd.kubernetes.protobuf, application/json';

/** Whether an answer's `Content-Type` is Kubernetes' protobuf (a list, an object, a watch). */
export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').startsWith('application/vnd.kubernetes.protobuf');
}

/**
 * The range of the encoded object inside the API server's envelope: the magic bytes, then a
 * `runtime.Unknown` whose field 2 holds the object.
 */
function unwrap(bytes: Buffer, start: number, end: number): ProtoReader {
  if (!startsKubernetesObject(bytes, start)) {
    throw new ProtobufFormatError('not a Kubernetes protobuf object');
  }
  const envelope = new ProtoReader(bytes, start + KUBERNETES_MAGIC.length, end);
  let raw: ProtoReader | undefined;
  while (!envelope.done) {
    const tag = envelope.uint32();
    if (tag === ((2 << 3) | 2)) {
      const length = envelope.length();
      raw = new ProtoReader(bytes, envelope.pos, envelope.pos + length);
      envelope.pos += length;
    } else if (tag === ((3 << 3) | 2)) {
      // `contentEncoding`: the API server does not set it; compressed objects are not read.
      if (envelope.string() !== '') {
        throw new ProtobufFormatError('encoded object in a protobuf envelope');
      }
    } else {
      envelope.skip(tag & 7);
    }
  }
  if (!raw) throw new ProtobufFormatError('empty protobuf envelope');
  return raw;
}

/**
 * Decodes the API server's protobuf list answer (a `PodList`, `NodeList`…) held whole (see
 * {@link ListStreamDecoder} for one that arrives in parts).
 *
 * @internal
 */
export function decodeList(
  bytes: Buffer,
  item: DecodedMessage,
): { metadata: Record<string, unknown>; items: Record<string, unknown>[] } {
  const decoder = new ListStreamDecoder(item);
  decoder.push(bytes);
  return decoder.end();
}

/**
 * Decodes a `metav1.Status` (an error answer), for its `reason` and `code`.
 *
 * @internal
 */
export function decodeStatus(bytes: Buffer): {
  reason?: string;
  code?: number;
} {
  const reader = unwrap(bytes, 0, bytes.length);
  return decodeMessage(reader, STATUS_DECODER, reader.end);
}

/** What is read of the object of a watch event that is not an object of the watched kind. */
const OBJECT_DECODERS: Record<string, DecodedMessage | undefined> = {
  BOOKMARK: BOOKMARK_DECODER,
  ERROR: STATUS_DECODER,
};

/**
 * One event of a protobuf watch stream. `object` is read as `schema` keeps it for `ADDED`,
 * `MODIFIED` and `DELETED`, for its version and annotations for `BOOKMARK`, as a `Status` for
 * `ERROR`.
 *
 * @internal
 */
export function decodeWatchEvent(
  frame: Buffer,
  schema: DecodedMessage,
): { type: string; object: Record<string, unknown> } {
  const reader = new ProtoReader(frame);
  let type = '';
  let objectStart = -1;
  let objectEnd = -1;
  while (!reader.done) {
    const tag = reader.uint32();
    if (tag === ((1 << 3) | 2)) {
      type = reader.string();
    } else if (tag === ((2 << 3) | 2)) {
      // `object` is a RawExtension, whose field 1 holds the enveloped object.
      const end = reader.messageEnd();
      while (reader.pos < end) {
        const inner = reader.uint32();
        if (inner === ((1 << 3) | 2)) {
          const length = reader.length();
          objectStart = reader.pos;
          objectEnd = reader.pos + length;
          reader.pos = objectEnd;
        } else {
          reader.skip(inner & 7);
        }
      }
    } else {
      reader.skip(tag & 7);
    }
  }
  if (objectStart < 0) {
    throw new ProtobufFormatError('watch event without an object');
  }
  const object = unwrap(frame, objectStart, objectEnd);
  const objectSchema = OBJECT_DECODERS[type] ?? schema;
  return { type, object: decodeMessage(object, objectSchema, object.end) };
}
