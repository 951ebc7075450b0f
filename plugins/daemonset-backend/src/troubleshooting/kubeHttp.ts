import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';

/** One call to a cluster's API server. @internal */
export interface KubeCall {
  method?: 'GET' | 'DELETE';
  /** API path, e.g. `/api/v1/namespaces/default/pods/agent-x`. */
  path: string;
  /** Query parameters; undefined ones are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body (DELETE options). */
  body?: unknown;
  signal?: AbortSignal;
}

/** An API server answer with an error status; carries no URL, header or body. @internal */
export class KubeCallError extends Error {
  override readonly name = 'KubeCallError';
  readonly statusCode: number;
  constructor(statusCode: number) {
    super(`the API server answered HTTP ${statusCode}`);
    this.statusCode = statusCode;
  }
}

/**
 * Sends a call on the current cluster of `kubeConfig` (its TLS settings and credentials, as
 * client-node applies them) and resolves with the response once its status is 2xx; any other
 * status rejects with {@link KubeCallError}, whose message never holds the server's text (which
 * may echo request details or log lines).
 *
 * @internal
 */
export async function kubeStream(
  kubeConfig: KubeConfig,
  call: KubeCall,
): Promise<http.IncomingMessage> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error('no current cluster in the kubeconfig');
  }
  const url = new URL(cluster.server + call.path);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? http.request : https.request;
  const body = call.body === undefined ? undefined : JSON.stringify(call.body);
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: call.method ?? 'GET',
      agent: options.agent,
      auth: options.auth,
      headers: {
        ...options.headers,
        Accept: 'application/json, */*',
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      signal: call.signal,
    });
    req.on('error', reject);
    req.on('response', res => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status > 299) {
        res.resume();
        reject(new KubeCallError(status));
        return;
      }
      resolve(res);
    });
    req.end(body);
  });
}

/**
 * Like {@link kubeStream}, reading the whole answer as JSON.
 *
 * @internal
 */
export async function kubeJson<T>(
  kubeConfig: KubeConfig,
  call: KubeCall,
): Promise<T> {
  const res = await kubeStream(kubeConfig, call);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

// The troubleshooting routes use client-node's own APIs (kubeCalls.ts, containerLog.ts); what is
// left here serves only metrics/podMetrics.ts, until it reads metrics.k8s.io through client-node.
export { clusterCallError } from './kubeCalls';
