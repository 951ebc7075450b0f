import { CoreV1Api, type KubeConfig, Watch } from '@kubernetes/client-node';
import type { KubeEvent } from './podEvents';
import { abortable } from './kubeCalls';

/** How long one watch request lasts before it is renewed from the last resource version. */
const WATCH_TIMEOUT_SECONDS = 300;

/** Options of {@link watchEvents}. @internal */
export interface EventWatchOptions {
  kubeConfig: KubeConfig;
  /** The namespace whose events are watched; all namespaces when left out. */
  namespace?: string;
  fieldSelector: string;
  /** Stops the watch; nothing is called after it is aborted. */
  signal: AbortSignal;
  /** Called with every event object currently known, after the list and after each change. */
  onChange(events: KubeEvent[]): void;
  /** Called once when the watch cannot go on; the watch has stopped. */
  onError(error: unknown): void;
}

/** An `ERROR` line of a watch: only its status code is kept, never the server's text. */
class WatchStatusError extends Error {
  override readonly name = 'WatchStatusError';
  constructor(readonly statusCode: number) {
    super(`the watch ended with HTTP ${statusCode}`);
  }
}

/**
 * Lists, then watches (client-node's `Watch`), the events a field selector picks, keeping them by
 * uid; renews the watch from the last resource version and lists again when that version is gone
 * (410). Runs until `signal` aborts, so a stream stops its watches when its client goes away.
 *
 * @internal
 */
export function watchEvents(options: EventWatchOptions): void {
  const { kubeConfig, namespace, fieldSelector, signal } = options;
  const api = kubeConfig.makeApiClient(CoreV1Api);
  const path =
    namespace === undefined
      ? '/api/v1/events'
      : `/api/v1/namespaces/${encodeURIComponent(namespace)}/events`;
  const known = new Map<string, KubeEvent>();
  const publish = () => {
    if (!signal.aborted) options.onChange([...known.values()]);
  };

  const list = async (): Promise<string> => {
    const answer =
      namespace === undefined
        ? await api.listEventForAllNamespaces(
            { fieldSelector },
            abortable(signal),
          )
        : await api.listNamespacedEvent(
            { namespace, fieldSelector },
            abortable(signal),
          );
    known.clear();
    for (const e of answer.items ?? []) {
      if (e.metadata?.uid) known.set(e.metadata.uid, e);
    }
    publish();
    return answer.metadata?.resourceVersion ?? '';
  };

  /** One watch request; resolves with the last resource version, or undefined on 410. */
  const watchOnce = (from: string) =>
    new Promise<string | undefined>((resolve, reject) => {
      let version = from;
      let gone = false;
      let failure: unknown;
      let finished = false;
      let stop = () => {};
      new Watch(kubeConfig)
        .watch(
          path,
          {
            fieldSelector,
            allowWatchBookmarks: true,
            resourceVersion: from,
            timeoutSeconds: WATCH_TIMEOUT_SECONDS,
          },
          (type: string, object: KubeEvent & { code?: number }) => {
            if (type === 'ERROR') {
              if (object.code === 410) gone = true;
              else failure = new WatchStatusError(object.code ?? 500);
              return;
            }
            version = object.metadata?.resourceVersion ?? version;
            const uid = object.metadata?.uid;
            if (type === 'BOOKMARK' || !uid) return;
            if (type === 'DELETED') known.delete(uid);
            else known.set(uid, object);
            publish();
          },
          (error: unknown) => {
            finished = true;
            signal.removeEventListener('abort', stop);
            if (failure) reject(failure);
            else if (error && !signal.aborted) reject(error);
            else resolve(gone ? undefined : version);
          },
        )
        .then(controller => {
          stop = () => controller.abort();
          if (signal.aborted) stop();
          else if (!finished) {
            signal.addEventListener('abort', stop, { once: true });
          }
        }, reject);
    });

  (async () => {
    let version: string | undefined = await list();
    while (!signal.aborted) {
      version = await watchOnce(version ?? (await list()));
    }
  })().catch(error => {
    if (!signal.aborted) options.onError(error);
  });
}
