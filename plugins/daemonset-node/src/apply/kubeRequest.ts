import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ApiException,
  KubeConfig,
  KubernetesObject,
  PatchStrategy,
} from '@kubernetes/client-node';
import { kubeConfigFor } from '../cluster/kubeConfigFor';
import { ClusterDefinition } from '../cluster/types';
import { objectApiFor } from './applicableObjectApi';

/**
 * One call to a cluster's API server: a read (`GET`) or a server-side apply (`PATCH`) of a
 * DaemonSet or Service at its object path (`objectPath`).
 *
 * @public
 */
export interface KubeRequest {
  /** HTTP method. */
  method: 'GET' | 'PATCH';
  /** API path, e.g. `/apis/apps/v1/namespaces/default/daemonsets/agent`. */
  path: string;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | undefined>;
  /** Request body, sent as JSON unless `contentType` says otherwise. */
  body?: unknown;
  /** Content type of the body, e.g. `application/apply-patch+yaml`. */
  contentType?: string;
  /** Aborts the request. */
  signal?: AbortSignal;
}

/**
 * Calls a cluster's API server and returns the parsed JSON body, or `undefined` for 404 on GET.
 *
 * @public
 */
export type KubeRequester = (req: KubeRequest) => Promise<unknown>;

const REQUEST_TIMEOUT_MS = 30_000;

const OBJECT_PATH =
  /^\/(api\/v1|apis\/apps\/v1)\/namespaces\/([^/]+)\/(daemonsets|services)\/([^/]+)$/;

/** The object a request's path names; only the paths `objectPath` makes are accepted. */
function objectAt(
  req: KubeRequest,
): KubernetesObject & { metadata: { name: string; namespace: string } } {
  const match = OBJECT_PATH.exec(req.path);
  const daemonSet = match?.[1] === 'apis/apps/v1' && match[3] === 'daemonsets';
  const service = match?.[1] === 'api/v1' && match[3] === 'services';
  if (!match || !(daemonSet || service)) {
    throw new InputError(
      `${req.method} ${req.path} is not a request this client sends: only the path of a DaemonSet or a Service (objectPath) is allowed`,
    );
  }
  return {
    apiVersion: daemonSet ? 'apps/v1' : 'v1',
    kind: daemonSet ? 'DaemonSet' : 'Service',
    metadata: {
      namespace: decodeURIComponent(match[2]),
      name: decodeURIComponent(match[4]),
    },
  };
}

function statusMessage(body: unknown): string {
  if (typeof body === 'string') {
    try {
      return statusMessage(JSON.parse(body));
    } catch {
      return body.slice(0, 500);
    }
  }
  const status = body as { kind?: unknown; message?: unknown } | undefined;
  if (status?.kind === 'Status' && typeof status.message === 'string') {
    return status.message;
  }
  return String(JSON.stringify(body) ?? '').slice(0, 500);
}

function errorFor(
  cluster: ClusterDefinition,
  req: KubeRequest,
  status: number,
  body: unknown,
): Error {
  const token = cluster.serviceAccountToken;
  // A proxy or error page may echo the request's Authorization header back.
  const answer = token
    ? statusMessage(body).split(token).join('[redacted]')
    : statusMessage(body);
  const message = `cluster '${cluster.name}' answered ${status} to ${req.method} ${req.path}: ${answer}`;
  switch (status) {
    case 400:
    case 422:
      return new InputError(message);
    case 401:
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 503:
      return new ServiceUnavailableError(message);
    default:
      return new Error(message);
  }
}

/** Node's reason for a failed connection, without the URL client-node's fetch puts around it. */
function networkReason(error: Error): string {
  const reason = /, reason: (.*)$/s.exec(error.message)?.[1];
  return reason ?? error.message;
}

function send(
  kubeConfig: KubeConfig,
  req: KubeRequest,
  signal: AbortSignal,
): Promise<unknown> {
  const api = objectApiFor(kubeConfig, signal);
  if (req.method === 'GET') {
    return api.read(objectAt(req));
  }
  if (req.contentType !== PatchStrategy.ServerSideApply) {
    throw new InputError(
      `PATCH ${req.path} must be a server-side apply (${PatchStrategy.ServerSideApply})`,
    );
  }
  const target = objectAt(req);
  const body = req.body as KubernetesObject;
  if (
    body?.apiVersion !== target.apiVersion ||
    body.kind !== target.kind ||
    body.metadata?.name !== target.metadata?.name ||
    body.metadata?.namespace !== target.metadata?.namespace
  ) {
    throw new InputError(
      `PATCH ${req.path}: the body must be the ${target.kind} that the path names`,
    );
  }
  return api.patch(
    body,
    undefined,
    req.query?.dryRun,
    req.query?.fieldManager,
    req.query?.force === undefined ? undefined : req.query.force === 'true',
    PatchStrategy.ServerSideApply,
  );
}

/**
 * Creates a {@link KubeRequester} acting as the cluster's configured service account.
 *
 * @remarks
 * Reads and server-side applies go through `@kubernetes/client-node`'s `KubernetesObjectApi`,
 * built from the same `KubeConfig` as the watches (`kubeConfigFor`): one TLS and credentials
 * set-up. The two applicable kinds' resources are known, so no discovery request precedes them.
 * Credentials stay in the kubeconfig; errors never mention them.
 *
 * @public
 */
export function createKubeRequester(cluster: ClusterDefinition): KubeRequester {
  // Plain http has no TLS to verify; client-node refuses it unless told to skip verification.
  const kubeConfig = kubeConfigFor(
    new URL(cluster.url).protocol === 'http:'
      ? { ...cluster, skipTLSVerify: true }
      : cluster,
  );

  return async req => {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, REQUEST_TIMEOUT_MS);
    const onAbort = () => controller.abort();
    if (req.signal?.aborted) {
      controller.abort();
    } else {
      req.signal?.addEventListener('abort', onAbort, { once: true });
    }
    try {
      return await send(kubeConfig, req, controller.signal);
    } catch (error) {
      if (error instanceof ApiException) {
        if (error.code === 404 && req.method === 'GET') {
          return undefined;
        }
        throw errorFor(cluster, req, error.code, error.body);
      }
      if (timedOut) {
        throw new ServiceUnavailableError(
          `cluster '${cluster.name}' did not answer ${req.method} ${req.path} within ${REQUEST_TIMEOUT_MS} ms`,
        );
      }
      if (
        !(error instanceof Error) ||
        error.name === 'AbortError' ||
        error instanceof InputError
      ) {
        throw error;
      }
      throw new ServiceUnavailableError(
        `cannot reach cluster '${cluster.name}': ${networkReason(error)}`,
      );
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  };
}
