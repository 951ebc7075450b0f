const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Cuts a byte stream into its lines (without the `\n` or `\r\n`), decoding each as UTF-8 once
 * whole, so a character split between two chunks stays intact. About twice as fast as
 * `node:readline` on a WatchList of thousands of objects, whose lines are long and few per chunk.
 *
 * @internal
 */
export class LineSplitter {
  private rest?: Buffer;

  constructor(private readonly onLine: (line: string) => void) {}

  /** Takes in one chunk; calls `onLine` for every line it completes. */
  push(chunk: Buffer): void {
    const data = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    let start = 0;
    let end = data.indexOf(NEWLINE, start);
    while (end !== -1) {
      const stop =
        end > start && data[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
      this.onLine(data.toString('utf8', start, stop));
      start = end + 1;
      end = data.indexOf(NEWLINE, start);
    }
    this.rest = start < data.length ? data.subarray(start) : undefined;
  }

  /** Ends the stream: a last line without a newline is a line too. */
  end(): void {
    if (this.rest) {
      const line = this.rest.toString('utf8');
      this.rest = undefined;
      this.onLine(line);
    }
  }
}
