/**
 * One Server-Sent Event, as dispatched by the parser.
 *
 * @public
 */
export interface ServerSentEvent {
  /** The event name; `message` when the stream did not name it. */
  event: string;
  /** The data lines joined with `\n`. */
  data: string;
  /** The last event ID seen on the stream so far (it persists across events). */
  id?: string;
  /** A reconnection delay the server asked for, in milliseconds. */
  retry?: number;
}

/**
 * An incremental parser for the `text/event-stream` format
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation).
 * Feed it decoded text chunks in any split; it returns the complete events.
 *
 * @public
 */
export class ServerSentEventParser {
  private buffer = '';
  private eventName = '';
  private dataLines: string[] = [];
  private hasData = false;
  private lastEventId: string | undefined;
  private retry: number | undefined;
  private pendingCr = false;

  /** Parses a chunk of text, returning the events completed by it. */
  push(chunk: string): ServerSentEvent[] {
    const events: ServerSentEvent[] = [];
    let text = chunk;
    if (this.pendingCr) {
      // A "\r\n" split across chunks: the "\r" already ended the line.
      if (text.startsWith('\n')) text = text.slice(1);
      this.pendingCr = false;
    }
    this.buffer += text;

    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (ch === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  /** The last event ID the stream set, for `Last-Event-ID` on reconnect. */
  get lastId(): string | undefined {
    return this.lastEventId;
  }

  /** Drops a partly received event, e.g. when the connection ends mid-event. */
  reset(): void {
    this.buffer = '';
    this.pendingCr = false;
    this.eventName = '';
    this.dataLines = [];
    this.hasData = false;
  }

  private processLine(line: string): ServerSentEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined; // comment, e.g. keep-alive

    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);

    switch (field) {
      case 'event':
        this.eventName = value;
        break;
      case 'data':
        this.dataLines.push(value);
        this.hasData = true;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retry = Number(value);
        break;
      default:
        break; // unknown fields are ignored
    }
    return undefined;
  }

  private dispatch(): ServerSentEvent | undefined {
    const hasData = this.hasData;
    const event: ServerSentEvent = {
      event: this.eventName || 'message',
      data: this.dataLines.join('\n'),
      id: this.lastEventId,
      retry: this.retry,
    };
    this.eventName = '';
    this.dataLines = [];
    this.hasData = false;
    return hasData ? event : undefined;
  }
}
