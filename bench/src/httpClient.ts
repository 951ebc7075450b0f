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
  /** Events received so far: name, data, arrival time (`performance.now()`). */
  events: Array<{ event?: string; data: string; at: number }>;
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
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
            let event: string | undefined;
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event:')) event = line.slice(6).trim();
              else if (line.startsWith('data:'))
                data.push(line.slice(5).replace(/^ /, ''));
            }
            if (data.length === 0) continue;
            events.push({
              event,
              data: data.join('\n'),
              at: performance.now(),
            });
            waiters.splice(0).forEach(w => w());
          }
        });
        resolve({
          events,
          waitFor(index, timeoutMs) {
            return new Promise((ok, fail) => {
              const check = () => {
                if (events.length > index) {
                  clearTimeout(timer);
                  ok();
                } else waiters.push(check);
              };
              const timer = setTimeout(
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
