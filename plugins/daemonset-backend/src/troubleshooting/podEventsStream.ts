import {
  isNodeCauseEvent,
  PodEventList,
} from '@daemonsets/plugin-daemonset-common';
import type { KubeConfig } from '@kubernetes/client-node';
import { Request, Response } from 'express';
import { describeError } from '../watch/describeError';
import { watchEvents } from './eventWatch';
import {
  involvedObjectSelector,
  KubeEvent,
  newestFirst,
  toPodEvent,
} from './podEvents';

/** Options of {@link openPodEventsStream}. @internal */
export interface PodEventsStreamOptions {
  kubeConfig: KubeConfig;
  cluster: string;
  namespace: string;
  pod: string;
  node?: string;
  /** Interval of keep-alive comments. */
  keepAliveMs?: number;
}

/**
 * Streams a pod's events (and its node's events that may explain them) as Server-Sent Events:
 * an `events` event with the whole {@link PodEventList}, newest first, at once and after every
 * change. Two scoped watches (field selectors on the involved object) feed it; both stop when
 * the client goes away. A watch that fails ends the stream with an `error` event whose message
 * names the cause in words built from status codes.
 *
 * @internal
 */
export function openPodEventsStream(
  req: Request,
  res: Response,
  options: PodEventsStreamOptions,
): void {
  const { kubeConfig, cluster, namespace, pod, node } = options;
  const controller = new AbortController();
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  req.socket.setNoDelay(true);

  let ofPod: KubeEvent[] | undefined;
  let ofNode: KubeEvent[] | undefined = node ? undefined : [];
  const send = () => {
    if (!ofPod || !ofNode) return;
    const list: PodEventList = {
      cluster,
      namespace,
      pod,
      ...(node ? { node } : {}),
      events: [...ofPod, ...ofNode.filter(e => isNodeCauseEvent(e))]
        .map(toPodEvent)
        .sort(newestFirst),
    };
    res.write(`event: events\ndata: ${JSON.stringify(list)}\n\n`);
  };
  const fail = (error: unknown) => {
    if (controller.signal.aborted) return;
    controller.abort();
    res.write(
      `event: error\ndata: ${JSON.stringify({
        message: `Watching the events of pod ${namespace}/${pod} in cluster '${cluster}' failed: ${describeError(
          error,
        )}`,
      })}\n\n`,
    );
    res.end();
  };

  watchEvents({
    kubeConfig,
    namespace,
    fieldSelector: involvedObjectSelector('Pod', pod, namespace),
    signal: controller.signal,
    onChange: events => {
      ofPod = events;
      send();
    },
    onError: fail,
  });
  if (node) {
    watchEvents({
      kubeConfig,
      fieldSelector: involvedObjectSelector('Node', node),
      signal: controller.signal,
      onChange: events => {
        ofNode = events;
        send();
      },
      onError: fail,
    });
  }
  const keepAlive = setInterval(
    () => res.write(': keep-alive\n\n'),
    options.keepAliveMs ?? 15_000,
  );
  res.on('close', () => {
    clearInterval(keepAlive);
    controller.abort();
  });
}
