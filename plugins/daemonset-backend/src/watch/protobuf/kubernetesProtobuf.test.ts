import {
  enveloped,
  ProtoWriter,
  writeAsGo,
} from '../../__testUtils__/protobufWriter';
import fc from 'fast-check';
import { FrameSplitter } from './FrameSplitter';
import { ListStreamDecoder } from './ListStreamDecoder';
import { nodeDecoder, NODE_MESSAGE } from './kubernetesMessages';
import {
  decodeList,
  decodeStatus,
  decodeWatchEvent,
  isProtobuf,
} from './kubernetesProtobuf';
import { ProtoReader } from './ProtoReader';

const node = (name: string) => ({
  metadata: { name, resourceVersion: '7', labels: { zone: 'a' } },
  spec: { unschedulable: true },
  status: {},
});

function nodeList(names: string[], resourceVersion: string): Buffer {
  return enveloped('NodeList', w => {
    w.message(1, meta =>
      meta.string(1, '').string(2, resourceVersion).string(3, ''),
    );
    for (const name of names) {
      w.message(2, item => writeAsGo(item, NODE_MESSAGE, node(name), []));
    }
  });
}

/** A watch frame: a WatchEvent whose object is an enveloped `kind`. */
function watchEvent(
  type: string,
  kind: string,
  write: (w: ProtoWriter) => void,
): Buffer {
  return new ProtoWriter()
    .string(1, type)
    .message(2, raw => raw.delimited(1, enveloped(kind, write)))
    .toBuffer();
}

function framed(frames: Buffer[]): Buffer {
  return Buffer.concat(
    frames.flatMap(frame => {
      const length = Buffer.alloc(4);
      length.writeUInt32BE(frame.length);
      return [length, frame];
    }),
  );
}

describe('Kubernetes protobuf answers', () => {
  it('recognises protobuf answers by their content type', () => {
    expect(isProtobuf('application/vnd.kubernetes.protobuf')).toBe(true);
    expect(isProtobuf('application/vnd.kubernetes.protobuf;stream=watch')).toBe(
      true,
    );
    expect(isProtobuf('application/json')).toBe(false);
    expect(isProtobuf(undefined)).toBe(false);
  });

  it('decodes a list: its resource version and each item as kept', () => {
    const list = decodeList(nodeList(['n1', 'n2'], '42'), nodeDecoder());
    expect(list.metadata).toEqual({ resourceVersion: '42' });
    expect(list.items).toEqual([
      {
        metadata: { name: 'n1', resourceVersion: '7', labels: { zone: 'a' } },
        spec: { unschedulable: true },
        status: {},
      },
      {
        metadata: { name: 'n2', resourceVersion: '7', labels: { zone: 'a' } },
        spec: { unschedulable: true },
        status: {},
      },
    ]);
  });

  it('decodes a list arriving in parts as it decodes it whole, wherever the parts are cut', () => {
    const whole = nodeList(
      Array.from({ length: 12 }, (_, i) => `node-${i}`),
      '42',
    );
    const expected = decodeList(whole, nodeDecoder());
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: whole.length - 1 }), {
          maxLength: 40,
        }),
        cuts => {
          const decoder = new ListStreamDecoder(nodeDecoder());
          const bounds = [0, ...[...cuts].sort((a, b) => a - b), whole.length];
          const seen: number[] = [];
          for (let i = 1; i < bounds.length; i++) {
            decoder.push(whole.subarray(bounds[i - 1], bounds[i]));
            seen.push(decoder.items.length);
          }
          expect(decoder.end()).toEqual(expected);
          expect(seen).toEqual([...seen].sort((a, b) => a - b));
        },
      ),
      { numRuns: 200 },
    );
    // Items are decoded as their bytes arrive, not all at the end.
    const half = new ListStreamDecoder(nodeDecoder());
    half.push(whole.subarray(0, whole.length / 2));
    expect(half.items.length).toBeGreaterThan(0);
    expect(half.items.length).toBeLessThan(12);
    const cut = new ListStreamDecoder(nodeDecoder());
    cut.push(whole.subarray(0, whole.length - 40));
    expect(() => cut.end()).toThrow(/cut short/);
  });

  it('refuses what is not a Kubernetes protobuf object', () => {
    expect(() =>
      decodeList(Buffer.from('{"items":[]}'), nodeDecoder()),
    ).toThrow(/not a Kubernetes protobuf object/);
    const whole = nodeList(['n1'], '1');
    expect(() =>
      decodeList(whole.subarray(0, whole.length - 10), nodeDecoder()),
    ).toThrow(/cut short/);
  });

  it('reads the reason and code of an error answer', () => {
    const status = enveloped('Status', w =>
      w
        .string(2, 'Failure')
        .string(3, 'nodes is forbidden: User "x"')
        .string(4, 'Forbidden')
        .tag(6, 0)
        .varint(403),
    );
    expect(decodeStatus(status)).toEqual({ reason: 'Forbidden', code: 403 });
  });

  it('decodes watch events: objects as kept, a bookmark’s annotations, an error’s code', () => {
    const decoder = nodeDecoder();
    const added = decodeWatchEvent(
      watchEvent('ADDED', 'Node', w =>
        writeAsGo(w, NODE_MESSAGE, node('n1'), []),
      ),
      decoder,
    );
    expect(added.type).toBe('ADDED');
    expect(added.object.metadata).toEqual({
      name: 'n1',
      resourceVersion: '7',
      labels: { zone: 'a' },
    });
    const bookmark = decodeWatchEvent(
      watchEvent('BOOKMARK', 'Node', w =>
        w.message(1, meta =>
          meta
            .string(6, '99')
            .message(12, entry =>
              entry.string(1, 'k8s.io/initial-events-end').string(2, 'true'),
            ),
        ),
      ),
      decoder,
    );
    expect(bookmark).toEqual({
      type: 'BOOKMARK',
      object: {
        metadata: {
          resourceVersion: '99',
          annotations: { 'k8s.io/initial-events-end': 'true' },
        },
      },
    });
    const error = decodeWatchEvent(
      watchEvent('ERROR', 'Status', w =>
        w.string(4, 'Expired').tag(6, 0).varint(410),
      ),
      decoder,
    );
    expect(error.object).toEqual({ reason: 'Expired', code: 410 });
  });
});

describe('FrameSplitter', () => {
  it('gives every frame whole, however the stream is cut', () => {
    const frames = [
      Buffer.from('a'),
      Buffer.alloc(0),
      Buffer.from('bcdefgh'),
      Buffer.alloc(300, 7),
    ];
    const stream = framed(frames);
    for (const size of [1, 2, 3, 5, 64, stream.length]) {
      const seen: string[] = [];
      const splitter = new FrameSplitter(frame =>
        seen.push(frame.toString('hex')),
      );
      for (let i = 0; i < stream.length; i += size) {
        splitter.push(stream.subarray(i, i + size));
      }
      expect(seen).toEqual(frames.map(frame => frame.toString('hex')));
    }
  });

  it('refuses a frame longer than any object', () => {
    const splitter = new FrameSplitter(() => {});
    expect(() => splitter.push(Buffer.from([0xff, 0xff, 0xff, 0xff]))).toThrow(
      RangeError,
    );
  });
});

describe('ProtoReader', () => {
  it('skips every wire type and stops at a truncated field', () => {
    const bytes = new ProtoWriter()
      .tag(1, 0)
      .varint(-5)
      .tag(2, 1)
      .raw([1, 2, 3, 4, 5, 6, 7, 8])
      .string(3, 'skipped')
      .tag(4, 5)
      .raw([1, 2, 3, 4])
      .string(5, 'kept')
      .toBuffer();
    const reader = new ProtoReader(bytes);
    for (const wireType of [0, 1, 2, 5]) {
      expect(reader.uint32() & 7).toBe(wireType);
      reader.skip(wireType);
    }
    expect(reader.uint32()).toBe((5 << 3) | 2);
    expect(reader.string()).toBe('kept');
    expect(reader.done).toBe(true);
    const cutVarint = new ProtoReader(bytes.subarray(0, 4));
    cutVarint.uint32();
    expect(() => cutVarint.skip(0)).toThrow(/bad varint/);
    const cutFixed = new ProtoReader(bytes.subarray(0, 15));
    cutFixed.uint32();
    cutFixed.skip(0);
    cutFixed.uint32();
    expect(() => cutFixed.skip(1)).toThrow(/runs past/);
    expect(() => new ProtoReader(Buffer.from([0x0b])).skip(3)).toThrow(
      /unsupported wire type 3/,
    );
  });

  it('reads strings, one string for equal short ASCII values, any UTF-8 for others', () => {
    const bytes = new ProtoWriter()
      .string(1, 'topology.kubernetes.io/zone')
      .string(1, 'topology.kubernetes.io/zone')
      .string(1, 'é∑😀')
      .string(1, 'x'.repeat(100))
      .toBuffer();
    const reader = new ProtoReader(bytes);
    const read = () => {
      reader.uint32();
      return reader.string();
    };
    const first = read();
    const second = read();
    expect(second).toBe('topology.kubernetes.io/zone');
    expect(second).toBe(first);
    expect(read()).toBe('é∑😀');
    expect(read()).toBe('x'.repeat(100));
  });
});
