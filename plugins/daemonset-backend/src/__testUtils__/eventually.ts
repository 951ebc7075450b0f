/** How {@link eventually} waits: a number is `timeoutMs`. */
export type EventuallyOptions =
  | number
  | {
      /** Gives up after this long (default 60 s). */
      timeoutMs?: number;
      /** Pause between checks (default 250 ms); unit tests against in-process fakes poll faster. */
      intervalMs?: number;
      /** What was last seen, appended to the timeout error. */
      describe?: () => string;
    };

/** Polls `check` until it holds; rejects after `timeoutMs`. Resolves with the time it took. */
export async function eventually(
  label: string,
  check: () => boolean | Promise<boolean>,
  options: EventuallyOptions = {},
): Promise<number> {
  const {
    timeoutMs = 60_000,
    intervalMs = 250,
    describe,
  } = typeof options === 'number' ? { timeoutMs: options } : options;
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) {
      const seen = describe ? `; last seen: ${describe()}` : '';
      throw new Error(`timed out waiting for ${label}${seen}`);
    }
    await new Promise(r => setTimeout(r, intervalMs));
  }
  return Date.now() - started;
}

/** Retries `attempt` as {@link eventually} does until it returns a value, and resolves with it. */
export async function eventuallyValue<T>(
  label: string,
  attempt: () => Promise<T | undefined>,
  options?: EventuallyOptions,
): Promise<T> {
  let value: T | undefined;
  await eventually(
    label,
    async () => (value = await attempt()) !== undefined,
    options,
  );
  return value as T;
}
