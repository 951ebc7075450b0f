import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';

/** Options for {@link probe}. */
export interface ProbeOptions {
  /** PEM CA for https; when absent, https probes skip verification (self-signed component certs). */
  ca?: Buffer | string;
  token?: string;
  timeoutMs?: number;
}

/** GETs `url` once; resolves true on HTTP 200 (never rejects). */
export function probe(url: string, opts: ProbeOptions = {}): Promise<boolean> {
  return new Promise(resolve => {
    const https = url.startsWith('https:');
    const getter = https ? httpsGet : httpGet;
    const req = getter(
      url,
      {
        timeout: opts.timeoutMs ?? 2000,
        headers: opts.token ? { Authorization: `Bearer ${opts.token}` } : {},
        ...(https
          ? opts.ca
            ? { ca: opts.ca }
            : { rejectUnauthorized: false }
          : {}),
      },
      res => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Polls `check` until it resolves true or `timeoutMs` passes; `failFast` is consulted between
 * attempts so a crashed process is reported at once instead of after the timeout.
 */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  failFast?: () => string | undefined,
  intervalMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    const fatal = failFast?.();
    if (fatal) throw new Error(`${what}: ${fatal}`);
    if (Date.now() > deadline)
      throw new Error(
        `${what}: not healthy after ${Math.round(timeoutMs / 1000)}s`,
      );
    await sleep(intervalMs);
  }
}
