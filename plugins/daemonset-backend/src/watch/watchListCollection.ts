import type {
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import { prepareApiServerGet } from './apiServerGet';
import { LineSplitter } from './lineSplitter';
import { ListRequestError } from './listCollection';
import { withoutManagedFields } from './managedFields';
import { FrameSplitter } from './protobuf/FrameSplitter';
import {
  decodeWatchEvent,
  isProtobuf,
  PROTOBUF_OR_JSON,
} from './protobuf/kubernetesProtobuf';
import type { DecodedMessage } from './protobuf/shapeDecoder';

/** The annotation of the bookmark that ends a WatchList's initial events. */
export const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/**
 * The API server does not stream initial events here (the WatchList feature is off or the
 * server predates it): list instead.
 *
 * @internal
 */
export class WatchListUnsupportedError extends Error {
  override readonly name = 'WatchListUnsupportedError';
}

/**
 * The API server closed a WatchList before its initial events ended: it ends a watcher that does
 * not keep up while the collection changes (a large fleet's heartbeats). Reading it once as a
 * LIST is the remedy; the server still offers WatchLists.
 *
 * @internal
 */
export class WatchListInterruptedError extends Error {
  override readonly name = 'WatchListInterruptedError';
}

function abortError(): Error {
  const error = new Error('watch list aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * Reads a collection as a WatchList: a watch with `sendInitialEvents=true` and
 * `resourceVersionMatch=NotOlderThan`, whose `ADDED` events are the current objects, up to the
 * bookmark annotated `k8s.io/initial-events-end`; resolves with them as a list at that
 * bookmark's resource version and closes the stream (the cache then watches from there).
 *
 * @remarks
 * Each object is parsed from its own line (or protobuf frame) and cut down by `trim` as it
 * arrives, so the whole collection never sits in memory as one text and one full parse, and the
 * API server serves it from its watch cache instead of building a list answer. With `protobuf`,
 * asks for Kubernetes' protobuf and decodes only the kept fields (JSON is read, and trimmed, if
 * the server answers with it). Fails with
 * {@link WatchListUnsupportedError} when the server refuses the parameters (400, 422), with
 * {@link WatchListInterruptedError} when it ends the stream before the bookmark, with
 * {@link ListRequestError} on other HTTP errors, with the status `code` of an `ERROR` event (e.g.
 * 410) otherwise.
 *
 * @internal
 */
export async function watchListCollection<T extends KubernetesObject>(
  kubeConfig: KubeConfig,
  path: string,
  options: {
    labelSelector?: string;
    signal: AbortSignal;
    trim?: (object: T) => T;
    /**
     * Asks for protobuf and decodes each object as `trim` would keep it (see
     * `protobuf/kubernetesMessages.ts`).
     */
    protobuf?: DecodedMessage;
  },
): Promise<KubernetesListObject<T>> {
  const { labelSelector, signal, trim, protobuf } = options;
  const send = await prepareApiServerGet(
    kubeConfig,
    path,
    {
      watch: true,
      sendInitialEvents: true,
      resourceVersionMatch: 'NotOlderThan',
      allowWatchBookmarks: true,
      labelSelector,
    },
    { Accept: protobuf ? PROTOBUF_OR_JSON : 'application/json' },
  );
  if (signal.aborted) throw abortError();

  return new Promise((resolve, reject) => {
    const req = send();
    const items: T[] = [];
    let settled = false;
    const abortListener = { onAbort: () => {} };
    const settle = (error?: Error, list?: KubernetesListObject<T>) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', abortListener.onAbort);
      req.destroy();
      if (error) reject(error);
      else resolve(list!);
    };
    abortListener.onAbort = () => settle(abortError());
    signal.addEventListener('abort', abortListener.onAbort, { once: true });

    req.on('error', error => settle(error));
    req.on('response', res => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        res.resume();
        settle(
          status === 400 || status === 422
            ? new WatchListUnsupportedError(
                `watch list refused: HTTP ${status}`,
              )
            : new ListRequestError(status),
        );
        return;
      }
      res.on('error', error => settle(error));
      res.on('close', () =>
        settle(
          new WatchListInterruptedError(
            'watch ended before the initial events ended',
          ),
        ),
      );
      const onEvent = (
        event: { type?: string; object?: any },
        kept: (object: T) => T,
      ) => {
        if (settled) return;
        const object = event.object;
        if (event.type === 'ADDED') {
          items.push(kept(object));
        } else if (event.type === 'BOOKMARK') {
          if (object?.metadata?.annotations?.[INITIAL_EVENTS_END] === 'true') {
            settle(undefined, {
              apiVersion: 'v1',
              kind: 'List',
              metadata: { resourceVersion: object.metadata.resourceVersion },
              items,
            });
          }
        } else if (event.type === 'ERROR') {
          const code = typeof object?.code === 'number' ? object.code : 500;
          const error = new ListRequestError(code, object?.reason);
          settle(
            code === 400 || code === 422
              ? new WatchListUnsupportedError(`watch list refused: ${code}`)
              : error,
          );
        }
      };
      const splitter =
        protobuf && isProtobuf(res.headers['content-type'])
          ? new FrameSplitter(frame => {
              // Frames after the end of the initial events are not decoded.
              if (settled) return;
              onEvent(decodeWatchEvent(frame, protobuf), decoded => decoded);
            })
          : new LineSplitter(line => {
              if (settled || line === '') return;
              let event: { type?: string; object?: any };
              try {
                // Trimmed objects keep no managedFields: they are not parsed at all.
                event = JSON.parse(trim ? withoutManagedFields(line) : line);
              } catch {
                return;
              }
              onEvent(event, trim ?? (object => object));
            });
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        try {
          splitter.push(chunk);
        } catch (error) {
          settle(error as Error);
        }
      });
    });
    req.end();
  });
}
