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
 * A short, safe description of why a call to a cluster failed: built from status and error codes
 * only, never from messages, which may echo URLs, headers or bodies.
 *
 * @internal
 */
export function describeError(error: unknown): string {
  const status = httpStatusOf(error);
  if (status !== undefined) {
    switch (status) {
      case 401:
        return 'HTTP 401: the service account token was rejected';
      case 403:
        return 'HTTP 403: the service account may not list or watch these objects';
      case 404:
        return 'HTTP 404: resource not found';
      case 410:
        return 'HTTP 410: resource version too old';
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
