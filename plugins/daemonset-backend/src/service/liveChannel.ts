import { Request, Response } from 'express';
import { EntityStatusView, StatusSnapshot } from '../watch/EntityStatusView';
import { snapshotBytes } from './snapshotBytes';

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

type StatusEvent = 'snapshot' | 'status' | 'patch';

const head = (event: StatusEvent, version: number) =>
  `id: ${version}\nevent: ${event}\ndata: `;

/**
 * Streams an entity's status as Server-Sent Events: a `snapshot` event, then after every change
 * a `status` event (same shape) or, for clients that asked for them (`patches=true`), a `patch`
 * event with only the rows that changed since the version they have. Every event has its
 * version as `id`. A client resuming with `Last-Event-ID` equal to the current version gets no
 * snapshot until the next change.
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
  // The data is written as it is, without a copy per client: see snapshotBytes.
  const sendEvent = (
    event: StatusEvent,
    version: number,
    data: string | Buffer,
  ) => {
    res.cork();
    res.write(head(event, version));
    res.write(data);
    res.write('\n\n');
    res.uncork();
    flush();
  };

  // Before any header: if the status cannot be built, the client gets an error answer, not a
  // stream that stays silent.
  const current: StatusSnapshot = view.current();
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  // no-transform keeps the compression middleware from buffering the stream.
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  req.socket.setNoDelay(true);

  const lastEventId = req.get('Last-Event-ID') ?? req.query.lastEventId;
  const wantsPatches = req.query.patches === 'true';
  send(`retry: ${options.retryMs}\n\n`);
  let clientVersion = Number(lastEventId);
  if (clientVersion !== current.version) {
    sendEvent('snapshot', current.version, snapshotBytes(current));
    clientVersion = current.version;
  }

  const unsubscribe = view.subscribe(
    ({ snapshot, patchFrom }) => {
      if (clientVersion === snapshot.version) return;
      const patch = wantsPatches ? patchFrom(clientVersion) : undefined;
      if (patch) sendEvent('patch', snapshot.version, patch);
      else sendEvent('status', snapshot.version, snapshotBytes(snapshot));
      clientVersion = snapshot.version;
    },
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
