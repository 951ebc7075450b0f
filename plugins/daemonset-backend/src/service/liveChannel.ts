import { Request, Response } from 'express';
import { EntityStatusView, StatusSnapshot } from '../watch/EntityStatusView';

/** Options of {@link openLiveChannel}. @internal */
export interface LiveChannelOptions {
  /** Interval of keep-alive comments, which also keep proxies from closing an idle stream. */
  keepAliveMs: number;
  /** Suggested reconnection delay sent to the client. */
  retryMs: number;
}

/** @internal */
export const DEFAULT_LIVE_CHANNEL_OPTIONS: LiveChannelOptions = {
  keepAliveMs: 15_000,
  retryMs: 3_000,
};

function frame(event: 'snapshot' | 'status', snapshot: StatusSnapshot): string {
  return `id: ${snapshot.version}\nevent: ${event}\ndata: ${snapshot.json}\n\n`;
}

/**
 * Streams an entity's status as Server-Sent Events: a `snapshot` event, then a `status` event
 * (same shape) after every change, each with the version as `id`. A client resuming with
 * `Last-Event-ID` equal to the current version gets no snapshot until the next change.
 *
 * @internal
 */
export function openLiveChannel(
  req: Request,
  res: Response,
  view: EntityStatusView,
  options: LiveChannelOptions = DEFAULT_LIVE_CHANNEL_OPTIONS,
): void {
  const flush = () => (res as Response & { flush?: () => void }).flush?.();
  const send = (text: string) => {
    res.write(text);
    flush();
  };

  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  // no-transform keeps the compression middleware from buffering the stream.
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  req.socket.setNoDelay(true);

  const lastEventId = req.get('Last-Event-ID') ?? req.query.lastEventId;
  const current = view.current();
  send(`retry: ${options.retryMs}\n\n`);
  if (String(lastEventId ?? '') !== String(current.version)) {
    send(frame('snapshot', current));
  }

  const unsubscribe = view.subscribe(
    snapshot => send(frame('status', snapshot)),
    () => res.end(),
  );
  const keepAlive = setInterval(
    () => send(': keep-alive\n\n'),
    options.keepAliveMs,
  );
  const close = () => {
    clearInterval(keepAlive);
    unsubscribe();
  };
  // Not req 'close': it fires as soon as the request body is read, not on disconnect.
  res.on('close', close);
}
