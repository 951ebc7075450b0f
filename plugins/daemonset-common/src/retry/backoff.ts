/**
 * Bounds of an exponential backoff.
 *
 * @public
 */
export interface BackoffBounds {
  /** Delay before the first retry, in milliseconds. */
  initialMs: number;
  /** Largest delay, in milliseconds. */
  maxMs: number;
}

/**
 * The bounds the plugins retry with unless told otherwise: 1 s, doubling up to 30 s.
 *
 * @public
 */
export const DEFAULT_BACKOFF_BOUNDS: BackoffBounds = Object.freeze({
  initialMs: 1000,
  maxMs: 30_000,
});

/**
 * The delay before retry number `attempt` (0-based): exponential, capped, with "equal jitter"
 * (half fixed, half random), so that many clients failing together (watches after an API server
 * restart, browsers after a backend restart) do not retry in lockstep.
 *
 * @public
 */
export function backoffDelay(
  attempt: number,
  bounds: BackoffBounds = DEFAULT_BACKOFF_BOUNDS,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    bounds.maxMs,
    bounds.initialMs * 2 ** Math.min(attempt, 30),
  );
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
