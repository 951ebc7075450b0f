import {
  ConflictError,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  type ConfigurationOptions,
  type ObservableMiddleware,
  Observable,
} from '@kubernetes/client-node';
import { describeError, httpStatusOf } from '../watch/describeError';

/**
 * Call options that make a client-node API call abortable by `signal`.
 *
 * @internal
 */
export function abortable(
  signal?: AbortSignal,
): ConfigurationOptions<ObservableMiddleware> | undefined {
  if (!signal) return undefined;
  const setSignal: ObservableMiddleware = {
    pre: context => {
      context.setSignal(signal);
      return new Observable(Promise.resolve(context));
    },
    post: response => new Observable(Promise.resolve(response)),
  };
  return { middleware: [setSignal], middlewareMergeStrategy: 'append' };
}

/**
 * Turns a failed cluster call into the Backstage error a route answers with, naming what was
 * attempted and why in words built from status and error codes only: client-node's
 * `ApiException` message holds the server's body and headers, which never leave here.
 *
 * @internal
 */
export function clusterCallError(what: string, error: unknown): Error {
  const message = `Could not ${what}: ${describeError(error)}`;
  switch (httpStatusOf(error)) {
    case 400:
    case 422:
      return new InputError(message);
    case 401:
    case 403:
      // The portal's own service account lacks a right: not the user's fault, so no 403.
      return new ServiceUnavailableError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    default:
      return new ServiceUnavailableError(message);
  }
}
