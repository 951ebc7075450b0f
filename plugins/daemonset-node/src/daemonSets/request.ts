import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';

/** Which DaemonSets to list or watch. @public */
export interface DaemonSetQuery {
  /** Only this namespace; all namespaces when left out. */
  namespace?: string;
  /** A Kubernetes label selector, e.g. `team=obs,tier!=test`. */
  labelSelector?: string;
}

/** An API server answer with an HTTP error status; carries no URL, header or body. @public */
export class KubeStatusError extends Error {
  /** Always `KubeStatusError`. */
  override readonly name = 'KubeStatusError';

  /** The HTTP status of the answer (or the code of a watch `ERROR` event). */
  readonly statusCode: number;

  constructor(statusCode: number) {
    super(`the API server answered HTTP ${statusCode}`);
    this.statusCode = statusCode;
  }
}

/** The collection path of the DaemonSets of `query`. */
export function daemonSetsPath(query: DaemonSetQuery): string {
  return query.namespace
    ? `/apis/apps/v1/namespaces/${encodeURIComponent(
        query.namespace,
      )}/daemonsets`
    : '/apis/apps/v1/daemonsets';
}

/**
 * Sends a GET on the current cluster of `kubeConfig` with its TLS settings and credentials,
 * as client-node does, and resolves with the response once its status is 200.
 *
 * @remarks
 * A plain request instead of client-node's `Watch`, which leaks a composite abort signal per
 * request (see the backend plugin's WatchCache).
 */
export async function apiServerGet(
  kubeConfig: KubeConfig,
  path: string,
  params: Record<string, string | number | boolean | undefined>,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error('no current cluster in the kubeconfig');
  }
  const url = new URL(cluster.server + path);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? http.request : https.request;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'GET',
      agent: options.agent,
      auth: options.auth,
      headers: { ...options.headers, Accept: 'application/json' },
      signal,
    });
    req.on('error', reject);
    req.on('response', res => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new KubeStatusError(res.statusCode ?? 0));
        return;
      }
      resolve(res);
    });
    req.end();
  });
}
