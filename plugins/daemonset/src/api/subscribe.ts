import { ResponseError } from '@backstage/errors';
import {
  applyStatusPatch,
  backoffDelay as sharedBackoffDelay,
  DEFAULT_BACKOFF_BOUNDS,
  EntityDaemonSetStatus,
  EntityDaemonSetStatusPatch,
} from '@daemonsets/plugin-daemonset-common';
import { EntityStatusSubscriber, LiveConnectionState } from './DaemonSetApi';
import { createParser } from 'eventsource-parser';

/** Reconnection timing of a live subscription. @public */
export interface BackoffOptions {
  /** The delay before the first retry. Default 1s. */
  initialDelayMs?: number;
  /** The longest delay between retries. Default 30s. */
  maxDelayMs?: number;
  /** Returns a number in [0, 1) that spreads retries; default Math.random. */
  random?: () => number;
}

/** The events carrying a full `EntityDaemonSetStatus`. */
const STATUS_EVENTS = new Set(['snapshot', 'status', 'message']);

/**
 * The delay before retry number `attempt` (0-based): the plugins' one backoff rule (see
 * `backoffDelay` of the common package) with this subscription's options.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = {},
): number {
  return sharedBackoffDelay(
    attempt,
    {
      initialMs: options.initialDelayMs ?? DEFAULT_BACKOFF_BOUNDS.initialMs,
      maxMs: options.maxDelayMs ?? DEFAULT_BACKOFF_BOUNDS.maxMs,
    },
    options.random,
  );
}

/** Statuses that will not get better by retrying. */
function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve();
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Follows a Server-Sent Events endpoint with `fetch` (so the app's FetchApi can add the
 * Authorization header, which EventSource cannot), calling `subscriber` with each status.
 * Reconnects with exponential backoff and `Last-Event-ID` until the returned function is called
 * or the backend answers with a permanent error (4xx).
 *
 * @remarks
 * `patch` events (sent when the URL asks for `patches=true`) are applied to the last status
 * received, so the subscriber always gets a full status; a patch for another version than the
 * one held makes the stream reconnect at once for a new snapshot.
 *
 * @public
 */
export function subscribeToStatusStream(options: {
  url: () => Promise<string>;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  subscriber: EntityStatusSubscriber;
  backoff?: BackoffOptions;
}): () => void {
  const { subscriber, backoff } = options;
  const controller = new AbortController();
  const signal = controller.signal;
  let lastEventId: string | undefined;
  let serverRetryMs: number | undefined;
  /** The status patches apply to, with its version. */
  let held: { status: EntityDaemonSetStatus; version?: string } | undefined;
  let lastState: string | undefined;

  const setState = (state: LiveConnectionState) => {
    if (signal.aborted) return;
    // Avoid repeating "live" or "connecting"; reconnect attempts are always reported.
    if (state.state === lastState && state.state !== 'reconnecting') return;
    lastState = state.state;
    subscriber.onConnectionChange?.(state);
  };

  /**
   * Reads one connection to its end. Resolves when the stream ends (`'resync'` when it was left
   * for a patch that did not fit); throws on errors.
   */
  async function readOnce(onProgress: () => void): Promise<'ended' | 'resync'> {
    const url = await options.url();
    const headers: Record<string, string> = { Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const response = await options.fetch(url, { headers, signal });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (!response.body) throw new Error('The event stream has no body');
    setState({ state: 'live' });

    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    // The spec's last event ID persists across events; the parser reports it as it comes.
    let streamId: string | undefined;
    const received: Array<{ event: string; data: string; id?: string }> = [];
    const parser = createParser({
      onId: id => {
        streamId = id;
      },
      onRetry: ms => {
        serverRetryMs = ms;
      },
      onEvent: message =>
        received.push({
          event: message.event ?? 'message',
          data: message.data,
          id: streamId,
        }),
    });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || signal.aborted) return 'ended';
        parser.feed(decoder.decode(value, { stream: true }));
        for (const event of received.splice(0)) {
          onProgress();
          if (event.event === 'patch' && event.data) {
            const patched = applyPatchEvent(event.data);
            if (!patched) {
              lastEventId = undefined;
              held = undefined;
              return 'resync';
            }
            lastEventId = event.id;
            held = { status: patched, version: event.id };
            if (!signal.aborted) subscriber.onStatus(patched, { id: event.id });
            continue;
          }
          if (event.id !== undefined) lastEventId = event.id;
          if (!STATUS_EVENTS.has(event.event) || !event.data) continue;
          let status: EntityDaemonSetStatus;
          try {
            status = JSON.parse(event.data);
          } catch {
            continue; // a malformed event is skipped, the stream goes on
          }
          held = { status, version: event.id };
          if (!signal.aborted) subscriber.onStatus(status, { id: event.id });
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /** The held status with the patch applied, or undefined when the patch does not fit it. */
  function applyPatchEvent(data: string): EntityDaemonSetStatus | undefined {
    let patch: EntityDaemonSetStatusPatch;
    try {
      patch = JSON.parse(data);
    } catch {
      return undefined;
    }
    if (!held || String(patch.base) !== held.version) return undefined;
    return applyStatusPatch(held.status, patch);
  }

  // Retries since the last event received; reset by any event.
  const retries = { attempt: 0 };
  const resetRetries = () => {
    retries.attempt = 0;
  };

  async function run() {
    setState({ state: 'connecting' });
    // A resync reconnects at once, but only once in a row: a server that keeps sending patches
    // that do not fit is retried with backoff.
    let resynced = false;
    while (!signal.aborted) {
      let error: Error | undefined;
      try {
        if ((await readOnce(resetRetries)) === 'resync' && !resynced) {
          resynced = true;
          continue;
        }
        resynced = false;
      } catch (e) {
        if (signal.aborted) return;
        error = e instanceof Error ? e : new Error(String(e));
        if (e instanceof ResponseError && isPermanent(e.statusCode)) {
          setState({ state: 'failed', error });
          return;
        }
      }
      if (signal.aborted) return;
      const retryInMs =
        retries.attempt === 0 && serverRetryMs !== undefined
          ? serverRetryMs
          : backoffDelay(retries.attempt, backoff);
      retries.attempt++;
      setState({
        state: 'reconnecting',
        attempt: retries.attempt,
        retryInMs,
        error,
      });
      await sleep(retryInMs, signal);
    }
  }

  run();
  return () => controller.abort();
}
