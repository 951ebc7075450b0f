import type {
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
} from '@kubernetes/client-node';
import { createGunzip } from 'node:zlib';
import { prepareApiServerGet, QueryParams } from './apiServerGet';
import { withoutManagedFields } from './managedFields';
import {
  decodeStatus,
  isProtobuf,
  PROTOBUF_OR_JSON,
} from './protobuf/kubernetesProtobuf';
import { ListStreamDecoder } from './protobuf/ListStreamDecoder';
import type { DecodedMessage } from './protobuf/shapeDecoder';

/**
 * A list call the API server answered with an HTTP error. `statusCode` is what
 * `describeError` / `failureKindOf` classify; `reason` is the `Status.reason` of the answer (e.g.
 * `Forbidden`, `Expired`), a fixed word, never the server's message (which may echo user names).
 *
 * @internal
 */
export class ListRequestError extends Error {
  override readonly name = 'ListRequestError';

  constructor(readonly statusCode: number, readonly reason?: string) {
    super(`list failed: HTTP ${statusCode}${reason ? ` ${reason}` : ''}`);
  }
}

/** At most this much of an error answer is read (for its `Status.reason`). */
const MAX_ERROR_BODY = 64 * 1024;

function abortError(): Error {
  const error = new Error('list aborted');
  error.name = 'AbortError';
  return error;
}

function reasonOf(body: Buffer, protobuf: boolean): string | undefined {
  try {
    const reason = protobuf
      ? decodeStatus(body).reason
      : (JSON.parse(body.toString('utf8')) as { reason?: unknown }).reason;
    return typeof reason === 'string' && /^\w{1,64}$/.test(reason)
      ? reason
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Lists a collection (e.g. `/api/v1/nodes`) with the credentials and TLS settings of
 * `kubeConfig` and returns the answer as parsed JSON: plain objects, as the watch events that
 * follow a list are, without client-node's model classes and `Date`s (`ObjectSerializer`), which
 * cost about as long as the request itself for large lists. Measured against the typed client's
 * list call (`bench/scripts/listTiming.ts`): half the time and about 25 % less heap for 1000 pods
 * or nodes. Reads and applies of single objects go through client-node's `KubernetesObjectApi`.
 *
 * @remarks
 * Asks for gzip unless `compressed` is false. With `protobuf`, asks for Kubernetes' protobuf and
 * decodes only the kept fields of each item (JSON is read, and trimmed, if the server answers with
 * it). `signal` aborts the request and closes its socket, also while the body arrives.
 * Fails with {@link ListRequestError} on an HTTP error status, with Node's network errors (`code`
 * such as `ECONNREFUSED`) otherwise; no error carries the URL, headers or body.
 *
 * @internal
 */
export async function listCollection<T extends KubernetesObject>(
  kubeConfig: KubeConfig,
  path: string,
  options: {
    labelSelector?: string;
    signal: AbortSignal;
    /** More query parameters, e.g. `limit`, `continue` or `fieldSelector`. */
    query?: QueryParams;
    /**
     * Cuts each item down (see `trim.ts`); their `managedFields` are then not even parsed (see
     * {@link withoutManagedFields}).
     */
    trim?: (object: T) => T;
    /**
     * Asks for protobuf and decodes each item as `trim` would keep it (see
     * `protobuf/kubernetesMessages.ts`).
     */
    protobuf?: DecodedMessage;
    /** Asks for gzip (the default); false asks for the answer uncompressed. */
    compressed?: boolean;
  },
): Promise<KubernetesListObject<T>> {
  const {
    labelSelector,
    signal,
    query,
    trim,
    protobuf,
    compressed = true,
  } = options;
  const send = await prepareApiServerGet(
    kubeConfig,
    path,
    { ...query, labelSelector },
    {
      Accept: protobuf ? PROTOBUF_OR_JSON : 'application/json',
      'Accept-Encoding': compressed ? 'gzip' : 'identity',
    },
  );
  if (signal.aborted) {
    throw abortError();
  }

  return new Promise((resolve, reject) => {
    const req = send();
    let settled = false;
    const cleanups: Array<() => void> = [];
    const settle = (
      error: Error | undefined,
      list?: KubernetesListObject<T>,
    ) => {
      if (settled) return;
      settled = true;
      cleanups.forEach(cleanup => cleanup());
      if (error) {
        req.destroy();
        reject(error);
      } else {
        resolve(list!);
      }
    };
    const onAbort = () => settle(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    cleanups.push(() => signal.removeEventListener('abort', onAbort));

    req.on('response', res => {
      const status = res.statusCode ?? 0;
      const body =
        res.headers['content-encoding'] === 'gzip'
          ? res.pipe(createGunzip())
          : res;
      const chunks: Buffer[] = [];
      let size = 0;
      const ok = status >= 200 && status < 300;
      const inProtobuf = isProtobuf(res.headers['content-type']);
      // Decoded while it arrives: the decoding overlaps the transfer.
      const decoder =
        ok && protobuf && inProtobuf
          ? new ListStreamDecoder(protobuf)
          : undefined;
      const unreadable = () =>
        settle(new Error('list answer is not readable protobuf'));
      body.on('data', (chunk: Buffer) => {
        if (settled) return;
        if (decoder) {
          try {
            decoder.push(chunk);
          } catch {
            unreadable();
          }
        } else if (ok || size < MAX_ERROR_BODY) {
          chunks.push(chunk);
          size += chunk.length;
        }
      });
      body.on('error', error => settle(error));
      res.on('error', error => settle(error));
      res.on('close', () => {
        if (!res.complete) settle(abortedByPeer());
      });
      body.on('end', () => {
        if (decoder) {
          let decoded: ReturnType<ListStreamDecoder['end']>;
          try {
            decoded = decoder.end();
          } catch {
            unreadable();
            return;
          }
          settle(undefined, decoded as unknown as KubernetesListObject<T>);
          return;
        }
        const answer = Buffer.concat(chunks);
        if (!ok) {
          settle(new ListRequestError(status, reasonOf(answer, inProtobuf)));
          return;
        }
        const text = answer.toString('utf8');
        let list: KubernetesListObject<T>;
        try {
          list = JSON.parse(trim ? withoutManagedFields(text) : text);
        } catch {
          settle(new Error('list answer is not JSON'));
          return;
        }
        if (!Array.isArray(list?.items)) {
          settle(new Error('list answer has no items'));
          return;
        }
        settle(
          undefined,
          trim ? { ...list, items: list.items.map(trim) } : list,
        );
      });
    });
    req.on('error', error => settle(error));
    req.end();
  });
}

/** The connection closed before the whole answer arrived. */
function abortedByPeer(): Error {
  const error = new Error('connection closed before the list was complete');
  (error as NodeJS.ErrnoException).code = 'ECONNRESET';
  return error;
}
