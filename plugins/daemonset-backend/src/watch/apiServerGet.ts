import type { KubeConfig } from '@kubernetes/client-node';
import http from 'node:http';
import https from 'node:https';

/** Query parameters of a request; `undefined` ones are left out. @internal */
export type QueryParams = Record<string, string | number | boolean | undefined>;

/**
 * Prepares a GET of `path` on the current cluster of `kubeConfig`, with its agent (CA, client
 * certificate, proxy), `Authorization` header and basic auth, as client-node sets them. Resolves
 * with a function that sends it (the caller ends it), so that nothing is sent before the caller
 * is ready for the answer.
 *
 * @internal
 */
export async function prepareApiServerGet(
  kubeConfig: KubeConfig,
  path: string,
  query: QueryParams,
  headers: Record<string, string>,
): Promise<() => http.ClientRequest> {
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) {
    throw new Error('no current cluster in the kubeconfig');
  }
  const url = new URL(cluster.server + path);
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) {
      url.searchParams.set(key, String(value));
    }
  }
  const options: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(options);
  const send = url.protocol === 'http:' ? http.request : https.request;
  return () =>
    send(url, {
      method: 'GET',
      agent: options.agent,
      auth: options.auth,
      headers: { ...options.headers, ...headers },
    });
}
