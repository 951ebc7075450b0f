import { type KubeConfig, Log } from '@kubernetes/client-node';
import { PassThrough, Readable } from 'node:stream';

/** Which log of which container to read. @internal */
export interface ContainerLogRequest {
  namespace: string;
  pod: string;
  container: string;
  previous: boolean;
  follow: boolean;
  tailLines?: number;
  limitBytes: number;
  /** Ends the read (and closes the returned stream), e.g. when the client goes away. */
  signal?: AbortSignal;
}

/**
 * Opens a container's log with client-node's `Log` on the kubeconfig's current cluster; resolves
 * once the API server answered 200, with the log as a stream (which stays open while following).
 * The one log reader of the plugin: the logs route and the agent actions both use it.
 *
 * @remarks
 * `Log` leaves out a `tailLines` of 0 (it tests the option for truthiness), so "no old lines" is
 * asked as "lines since now" instead. It pipes the response into our stream without passing on
 * a mid-stream failure; the stream then stays open until `signal` aborts.
 *
 * @throws client-node's `ApiException`, whose message holds the server's answer: callers turn it
 * into an error of their own with `clusterCallError`.
 * @internal
 */
export async function openContainerLog(
  kubeConfig: KubeConfig,
  request: ContainerLogRequest,
): Promise<Readable> {
  const { signal } = request;
  const lines = new PassThrough();
  const controller = await new Log(kubeConfig).log(
    request.namespace,
    request.pod,
    request.container,
    lines,
    {
      follow: request.follow,
      previous: request.previous,
      limitBytes: request.limitBytes,
      ...(request.tailLines === 0
        ? { sinceTime: new Date().toISOString() }
        : { tailLines: request.tailLines }),
    },
  );
  const stop = () => {
    controller.abort();
    lines.end();
  };
  if (signal?.aborted) stop();
  else signal?.addEventListener('abort', stop, { once: true });
  lines.once('close', () => signal?.removeEventListener('abort', stop));
  return lines;
}

/**
 * Reads a whole (not followed) container log as text.
 *
 * @internal
 */
export async function readContainerLog(
  kubeConfig: KubeConfig,
  request: Omit<ContainerLogRequest, 'follow'>,
): Promise<string> {
  const stream = await openContainerLog(kubeConfig, {
    ...request,
    follow: false,
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
