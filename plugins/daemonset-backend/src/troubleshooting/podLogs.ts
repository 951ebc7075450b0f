import { InputError } from '@backstage/errors';
import type { KubeConfig } from '@kubernetes/client-node';
import { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { EntityPod } from './podAccess';
import { openContainerLog } from './containerLog';
import { clusterCallError } from './kubeCalls';

/** Default server-side maximum of one log read, whatever the client asks: 1 MiB. @internal */
export const DEFAULT_LOG_MAX_BYTES = 1024 * 1024;
const MAX_TAIL_LINES = 100_000;

/** A validated log query. @internal */
export interface LogQuery {
  container: string;
  previous: boolean;
  follow: boolean;
  tailLines?: number;
  limitBytes: number;
  download: boolean;
}

function flag(query: Request['query'], name: string): boolean {
  const value = query[name];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new InputError(`${name}: must be 'true' or 'false'`);
}

function positiveInt(
  query: Request['query'],
  name: string,
  min: number,
): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) {
    throw new InputError(`${name}: must be a whole number`);
  }
  const n = Number(value);
  if (n < min) throw new InputError(`${name}: must be at least ${min}`);
  return n;
}

/**
 * Validates a log request's query against the pod: the container must be one of the pod's
 * (its first container when left out), `tailLines` at most 100000, and `limitBytes` is capped at
 * `maxBytes`.
 *
 * @throws InputError naming the parameter and the rule.
 * @internal
 */
export function parseLogQuery(
  query: Request['query'],
  target: EntityPod,
  maxBytes: number,
): LogQuery {
  const names = [
    ...(target.pod.spec?.containers ?? []),
    ...(target.pod.spec?.initContainers ?? []),
  ].map(c => c.name);
  const asked = query.container;
  if (asked !== undefined && typeof asked !== 'string') {
    throw new InputError('container: must be given once');
  }
  const container = asked ?? names[0];
  if (!container || !names.includes(container)) {
    throw new InputError(
      `container: '${container ?? ''}' is not a container of pod ${
        target.ref.pod
      } (${names.join(', ') || 'none'})`,
    );
  }
  const tailLines = positiveInt(query, 'tailLines', 0);
  if (tailLines !== undefined && tailLines > MAX_TAIL_LINES) {
    throw new InputError(`tailLines: must be at most ${MAX_TAIL_LINES}`);
  }
  const limitBytes = Math.min(
    positiveInt(query, 'limitBytes', 1) ?? maxBytes,
    maxBytes,
  );
  return {
    container,
    previous: flag(query, 'previous'),
    follow: flag(query, 'follow'),
    tailLines,
    limitBytes,
    download: flag(query, 'download'),
  };
}

/** File name of a downloaded log: pod, container and instance, nothing else. @internal */
export function logFileName(target: EntityPod, q: LogQuery): string {
  return `${target.ref.pod}_${q.container}${q.previous ? '_previous' : ''}.log`;
}

/**
 * Streams a container's log (client-node's `Log`) to the client as plain text.
 * Following streams stay open until the client goes away, which aborts the upstream request.
 * The lines pass through untouched and are never logged.
 *
 * @internal
 */
export async function sendPodLogs(
  req: Request,
  res: Response,
  kubeConfig: KubeConfig,
  target: EntityPod,
  q: LogQuery,
): Promise<void> {
  const controller = new AbortController();
  const onClose = () => controller.abort();
  res.once('close', onClose);
  const { ref } = target;
  let upstream;
  try {
    upstream = await openContainerLog(kubeConfig, {
      namespace: ref.namespace,
      pod: ref.pod,
      container: q.container,
      previous: q.previous,
      follow: q.follow,
      tailLines: q.tailLines,
      limitBytes: q.limitBytes,
      signal: controller.signal,
    });
  } catch (error) {
    res.off('close', onClose);
    if (controller.signal.aborted) return;
    throw clusterCallError(
      `read the ${q.previous ? 'previous ' : ''}log of container ${
        q.container
      } of pod ${ref.namespace}/${ref.pod} in cluster '${ref.cluster}'`,
      error,
    );
  }
  res.status(200);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  // no-transform keeps the compression middleware from buffering a followed log.
  res.setHeader('Cache-Control', 'no-store, no-transform');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (q.download) {
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="${logFileName(target, q)}"`,
    );
  }
  if (q.follow) {
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    req.socket.setNoDelay(true);
  }
  try {
    await pipeline(upstream, res);
  } catch {
    // The client went away or the API server closed the stream: nothing to tell anyone.
    res.destroy();
  } finally {
    res.off('close', onClose);
    controller.abort();
  }
}
