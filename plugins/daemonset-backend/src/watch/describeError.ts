const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  EPIPE: 'connection closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'TLS: self-signed certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'TLS: certificate chain not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'TLS: certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'TLS: certificate does not match the host',
  CERT_HAS_EXPIRED: 'TLS: certificate expired',
};

/** HTTP status of a failed Kubernetes call, from the API client or the watch. @internal */
export function httpStatusOf(error: unknown): number | undefined {
  const e = error as { code?: unknown; statusCode?: unknown } | undefined;
  if (typeof e?.statusCode === 'number') return e.statusCode;
  if (typeof e?.code === 'number') return e.code;
  return undefined;
}

/**
 * How a cache treats a failed list or watch:
 * - `transient`: reported as `reconnecting` (or `failed` once the first list failed a few times
 *   in a row) and retried with backoff;
 * - `denied`: reported as `failed` at once so that users see why, but still retried with backoff,
 *   because the cause can go away without anyone touching the plugin;
 * - `invalid`: reported as `failed` and not retried, because the request itself is wrong.
 *
 * @internal
 */
export type FailureKind = 'transient' | 'denied' | 'invalid';

/**
 * Classifies a failed Kubernetes call by its HTTP status.
 *
 * @remarks
 * 401 and 403 are `denied`, not final: a token or an RBAC binding can be fixed on the server side
 * at any time, and a freshly restarted API server answers 403 until its authorizer has loaded the
 * roles. 404 is `denied` too: the plugin only lists collections, and a collection is missing only
 * while its API is not served (yet), e.g. behind a proxy whose upstream is being replaced. 400 and
 * 422 mean the API server rejects the request itself (in practice a label selector it cannot
 * parse): the same request gets the same answer. 410 never gets here (the informer re-lists).
 *
 * @internal
 */
export function failureKindOf(error: unknown): FailureKind {
  switch (httpStatusOf(error)) {
    case 400:
    case 422:
      return 'invalid';
    case 401:
    case 403:
    case 404:
      return 'denied';
    default:
      return 'transient';
  }
}

/**
 * A short, safe description of why a call to a cluster failed: built from status and error codes
 * only, never from messages, which may echo URLs, headers or bodies.
 *
 * @internal
 */
export function describeError(error: unknown): string {
  const status = httpStatusOf(error);
  if (status !== undefined) {
    switch (status) {
      case 400:
        return 'HTTP 400: the API server rejected the request as malformed';
      case 401:
        return 'HTTP 401: the service account token was rejected';
      case 403:
        return 'HTTP 403: the service account may not list or watch these objects';
      case 404:
        return 'HTTP 404: resource not found';
      case 410:
        return 'HTTP 410: resource version too old';
      case 422:
        return 'HTTP 422: the API server rejected the request as invalid';
      default:
        return `HTTP ${status}`;
    }
  }
  const e = error as
    | { code?: unknown; name?: unknown; cause?: unknown }
    | undefined;
  const causeCode = (e?.cause as { code?: unknown } | undefined)?.code;
  let code: string | undefined;
  if (typeof e?.code === 'string') {
    code = e.code;
  } else if (typeof causeCode === 'string') {
    code = causeCode;
  }
  if (code && NETWORK_CODES[code]) {
    return `${NETWORK_CODES[code]} (${code})`;
  }
  if (code) {
    return code;
  }
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') {
    return 'request aborted or timed out';
  }
  return 'request failed';
}
