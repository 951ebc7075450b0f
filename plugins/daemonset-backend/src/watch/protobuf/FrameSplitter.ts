/** A frame longer than this is refused: the API server's objects are limited to a few MB. */
const MAX_FRAME = 64 * 1024 * 1024;

/**
 * Cuts a protobuf watch stream into its frames: each one a 4-byte big-endian length, then that
 * many bytes (Kubernetes' length-delimited framing).
 *
 * @internal
 */
export class FrameSplitter {
  private rest?: Buffer;

  constructor(private readonly onFrame: (frame: Buffer) => void) {}

  /** Takes in one chunk; calls `onFrame` for every frame it completes. */
  push(chunk: Buffer): void {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    while (data.length - start >= 4) {
      const length = data.readUInt32BE(start);
      if (length > MAX_FRAME) {
        throw new RangeError(`watch frame of ${length} bytes`);
      }
      if (data.length - start - 4 < length) break;
      this.onFrame(data.subarray(start + 4, start + 4 + length));
      start += 4 + length;
    }
    this.rest = start < data.length ? data.subarray(start) : undefined;
  }
}
