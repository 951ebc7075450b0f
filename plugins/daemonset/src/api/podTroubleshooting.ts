import { ResponseError } from '@backstage/errors';
import { PodEventList, PodLogQuery } from '@daemonsets/plugin-daemonset-common';

/** Which pod of an entity's DaemonSets a troubleshooting call is about. @public */
export interface PodLocator {
  /** The cluster's name in the backend configuration. */
  cluster: string;
  /** The pod's namespace. */
  namespace: string;
  /** The pod's name. */
  name: string;
}

/** Callbacks of a pod events subscription. @public */
export interface PodEventsSubscriber {
  /** Called with the whole list, newest first, at once and after every change. */
  onEvents(list: PodEventList): void;
  /** Called when the backend refuses or ends the stream with an error; no retry follows. */
  onError?(error: Error): void;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The query string of a log read. */
export function logQueryString(query: PodLogQuery & { download?: boolean }) {
  const params = new URLSearchParams();
  if (query.container) params.set('container', query.container);
  if (query.previous) params.set('previous', 'true');
  if (query.follow) params.set('follow', 'true');
  if (query.tailLines !== undefined)
    params.set('tailLines', String(query.tailLines));
  if (query.limitBytes !== undefined)
    params.set('limitBytes', String(query.limitBytes));
  if (query.download) params.set('download', 'true');
  return params.toString();
}

/** Reads a text answer chunk by chunk until it ends or `signal` aborts. */
export async function readText(
  fetch: Fetch,
  url: string,
  onText: (text: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw await ResponseError.fromResponse(response);
  if (!response.body) {
    onText(await response.text());
    return;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    onText(decoder.decode(value, { stream: true }));
  }
}

/**
 * Follows a pod's events over Server-Sent Events; reconnects after a dropped connection,
 * stops on an error answer or an `error` event.
 *
 * @returns a function that ends the subscription.
 */
export function subscribeToPodEventsStream(
  fetch: Fetch,
  url: () => Promise<string>,
  subscriber: PodEventsSubscriber,
  retryMs = 3_000,
): () => void {
  const controller = new AbortController();
  let buffer = '';
  const handle = (block: string) => {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (data.length === 0) return;
    const payload = JSON.parse(data.join('\n'));
    if (event === 'events') subscriber.onEvents(payload as PodEventList);
    if (event === 'error') {
      controller.abort();
      subscriber.onError?.(new Error(payload.message));
    }
  };
  const connect = async (): Promise<void> => {
    try {
      await readText(
        fetch,
        await url(),
        text => {
          buffer += text;
          let end = buffer.indexOf('\n\n');
          while (end >= 0) {
            handle(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf('\n\n');
          }
        },
        controller.signal,
      );
    } catch (error) {
      if (controller.signal.aborted) return;
      if (error instanceof ResponseError) {
        subscriber.onError?.(error);
        return;
      }
    }
    if (controller.signal.aborted) return;
    buffer = '';
    setTimeout(() => {
      if (!controller.signal.aborted) void connect();
    }, retryMs);
  };
  void connect();
  return () => controller.abort();
}
