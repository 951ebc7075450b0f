import http from 'node:http';
import { gunzipSync } from 'node:zlib';

/** A finished HTTP exchange with the backend. */
export interface HttpResult {
  status: number;
  /** Body bytes as on the wire (compressed when the backend compressed). */
  bytes: number;
  /** The body, decompressed. */
  body: string;
  /** From the request until the last body byte arrived (decompression not included). */
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * One request to the backend (JSON body for POST), answer read fully. Asks for gzip, as a
 * browser does.
 */
export function call(
  url: string,
  method: 'GET' | 'POST' = 'GET',
  body?: unknown,
): Promise<HttpResult> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const start = performance.now();
  return new Promise((ok, fail) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          'Accept-Encoding': 'gzip',
          ...(payload && { 'Content-Type': 'application/json' }),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - start;
          const buf = Buffer.concat(chunks);
          const gzipped = res.headers['content-encoding'] === 'gzip';
          ok({
            status: res.statusCode ?? 0,
            bytes: buf.length,
            body: (gzipped ? gunzipSync(buf) : buf).toString(),
            ms,
          });
        });
        res.on('error', fail);
      },
    );
    req.on('error', fail);
    // A request the backend never answers must not stall a window.
    req.setTimeout(120_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.end(payload);
  });
}

/** A Server-Sent Events connection that records when each event arrived. */
export interface SseClient {
  /**
   * Events received so far: name, size of the data (characters), arrival time
   * (`performance.now()`). Not the data itself: a hundred tabs' multi-megabyte snapshots would
   * fill this process, which is also the backend's.
   */
  events: Array<{ event?: string; dataChars: number; at: number }>;
  /** Resolves with the first event after `index` (waits up to `timeoutMs`). */
  waitFor(index: number, timeoutMs: number): Promise<void>;
  close(): void;
}

/** Opens an SSE stream; resolves once the response headers arrived. */
export function openSse(url: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { Accept: 'text/event-stream' } },
      res => {
        if (res.statusCode !== 200) {
          reject(new Error(`SSE ${url}: ${res.statusCode}`));
          res.resume();
          return;
        }
        const events: SseClient['events'] = [];
        const waiters: Array<() => void> = [];
        // Line by line, keeping only the head of each line: a snapshot's data line is megabytes,
        // and re-scanning a growing buffer for every chunk was quadratic in it.
        let head = '';
        let length = 0;
        let event: string | undefined;
        let dataChars = 0;
        let hasData = false;
        const endLine = () => {
          if (length === 0) {
            if (hasData) {
              events.push({ event, dataChars, at: performance.now() });
              waiters.splice(0).forEach(w => w());
            }
            event = undefined;
            dataChars = 0;
            hasData = false;
          } else if (head.startsWith('event:')) {
            event = head.slice(6).trim();
          } else if (head.startsWith('data:')) {
            hasData = true;
            dataChars += length - (head.startsWith('data: ') ? 6 : 5);
          }
          head = '';
          length = 0;
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          let pos = 0;
          for (;;) {
            const newline = chunk.indexOf('\n', pos);
            const piece =
              newline === -1 ? chunk.slice(pos) : chunk.slice(pos, newline);
            if (head.length < 64) head += piece.slice(0, 64 - head.length);
            length += piece.length;
            if (newline === -1) break;
            endLine();
            pos = newline + 1;
          }
        });
        resolve({
          events,
          waitFor(index, timeoutMs) {
            return new Promise((ok, fail) => {
              let timer: NodeJS.Timeout | undefined = undefined;
              const check = () => {
                if (events.length > index) {
                  clearTimeout(timer);
                  ok();
                } else waiters.push(check);
              };
              timer = setTimeout(
                () => fail(new Error(`no SSE event within ${timeoutMs} ms`)),
                timeoutMs,
              );
              check();
            });
          },
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
  });
}
