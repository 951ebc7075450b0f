import { ServiceUnavailableError } from '@backstage/errors';
import { Response } from 'express';
import { describeError } from '../watch/describeError';

/** How long one wizard route waits for the API server. @internal */
export const CLUSTER_CALL_TIMEOUT_MS = 10_000;

/**
 * Runs a call to a cluster for one HTTP answer: aborted after `timeoutMs` or as soon as the
 * client goes away, and any failure reported as a 503 whose message names what was read and
 * why in words built from status and error codes (never the server's text, which may echo
 * request details).
 *
 * @internal
 */
export async function callCluster<T>(
  res: Response,
  what: string,
  call: (signal: AbortSignal) => Promise<T>,
  timeoutMs = CLUSTER_CALL_TIMEOUT_MS,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  try {
    return await call(controller.signal);
  } catch (error) {
    const reason = controller.signal.aborted
      ? `no answer within ${timeoutMs / 1000} s`
      : describeError(error);
    throw new ServiceUnavailableError(`Could not read ${what}: ${reason}`);
  } finally {
    clearTimeout(timer);
    res.off('close', onClose);
  }
}
