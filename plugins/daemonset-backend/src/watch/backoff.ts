/** Bounds of an exponential backoff. @internal */
export interface BackoffOptions {
  /** Delay before the first retry, in milliseconds. */
  initialMs: number;
  /** Largest delay, in milliseconds. */
  maxMs: number;
}

/** @internal */
export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 1000,
  maxMs: 30_000,
};

/**
 * The delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random) so that many watches failing together do not retry in lockstep.
 *
 * @internal
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    options.maxMs,
    options.initialMs * 2 ** Math.min(attempt, 30),
  );
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
