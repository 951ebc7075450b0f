import { KubeConfig, Watch } from '@kubernetes/client-node';
import { STATUS_CODES } from 'node:http';
import { createInterface } from 'node:readline';
import { prepareApiServerGet } from './apiServerGet';
import { withoutManagedFields } from './managedFields';

const TRIMMED_EVENTS = new Set(['ADDED', 'MODIFIED', 'DELETED']);

/**
 * A `Watch` that asks for bookmarks and reports what happens on the stream.
 *
 * @remarks
 * It sends the watch request itself (`prepareApiServerGet`, as `listCollection` does) instead
 * of calling client-node's `Watch.watch`: that one creates
 * `AbortSignal.any([controller.signal, AbortSignal.timeout(30000)])` on every request (and does
 * not even use it). Node keeps such a composite of a timeout signal in an internal set
 * (`gcPersistentSignals`) and, when the watch ends and its controller aborts it, does not remove
 * it (nodejs/node#64476). Its abort reason, an error whose stack trace references the watch's
 * callbacks and the informer, then kept every cache ever stopped with all its objects: each
 * evicted view leaked its node, pod and ControllerRevision lists.
 *
 * @internal
 */
export class ObservedWatch extends Watch {
  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly timeoutSeconds: number,
    private readonly hooks: {
      /** A watch is about to be sent: after a list was taken in, or to resume. */
      requested?(): void;
      opened(controller: AbortController): void;
      event(): void;
      /** Applied to the object of every `ADDED`, `MODIFIED` and `DELETED` event. */
      trim?(object: any): any;
    },
  ) {
    super(kubeConfig);
  }

  override async watch(
    path: string,
    queryParams: Record<string, string | number | boolean | undefined>,
    callback: (phase: string, apiObj: any, watchObj?: any) => void,
    done: (err: any) => void,
  ): Promise<AbortController> {
    this.hooks.requested?.();
    const send = await prepareApiServerGet(
      this.kubeConfig,
      path,
      {
        watch: true,
        ...queryParams,
        allowWatchBookmarks: true,
        // Spread the server-side ends of many watches over time.
        timeoutSeconds: Math.round(
          this.timeoutSeconds * (1 + Math.random() / 2),
        ),
      },
      { Accept: 'application/json' },
    );
    const controller = new AbortController();
    const req = send();
    let finished = false;
    /** Ends the watch once; `closed`: the connection is already closed. */
    const finish = (err: unknown, closed = false) => {
      if (finished) return;
      finished = true;
      if (!closed) req.destroy();
      done(err);
    };
    controller.signal.addEventListener(
      'abort',
      () => {
        const error = new Error('watch aborted');
        error.name = 'AbortError';
        finish(error);
      },
      { once: true },
    );
    await new Promise<void>(resolve => {
      req.on('error', error => {
        finish(error);
        resolve();
      });
      req.on('close', () => {
        finish(null, true);
        resolve();
      });
      req.on('response', res => {
        resolve();
        // After `finish`, also the "aborted" error of a response cut short by it.
        res.on('error', error => finish(error));
        const status = res.statusCode ?? 0;
        if (status !== 200) {
          const error = new Error(
            res.statusMessage || STATUS_CODES[status] || 'watch failed',
          );
          (error as { statusCode?: number }).statusCode = status;
          res.resume();
          finish(error);
          return;
        }
        res.socket?.setKeepAlive(true, 30_000);
        res.on('close', () => finish(null, true));
        // Open now, before the first event: the answer may hold events and its end already.
        this.hooks.opened(controller);
        const lines = createInterface({ input: res, crlfDelay: Infinity });
        lines.on('error', error => finish(error)); // readline repeats `res` errors
        lines.on('line', line => {
          if (finished) return;
          try {
            const trim = this.hooks.trim;
            // Trimmed objects keep no managedFields: they are not parsed at all.
            const data = JSON.parse(trim ? withoutManagedFields(line) : line);
            this.hooks.event();
            const object =
              trim && TRIMMED_EVENTS.has(data.type)
                ? trim(data.object)
                : data.object;
            callback(data.type, object, data);
          } catch {
            // As client-node: a line that is not an event is ignored.
          }
        });
      });
      req.end();
    });
    return controller;
  }
}
