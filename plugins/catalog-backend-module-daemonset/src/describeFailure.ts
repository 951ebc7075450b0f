import { KubeStatusError } from '@daemonsets/plugin-daemonset-node';

/**
 * A short, credential-free description of why a cluster could not be read: the HTTP status
 * or the network error code, never a message that could echo a URL, header or body.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof KubeStatusError) return `HTTP ${error.statusCode}`;
  const e = error as { code?: unknown; name?: unknown };
  if (typeof e?.code === 'string') return e.code;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError')
    return 'timed out';
  return 'request failed';
}
