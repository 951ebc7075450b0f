/** Polls `check` until it holds; rejects after `timeoutMs`. Resolves with the time it took. */
export async function eventually(
  label: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
): Promise<number> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) {
      throw new Error(`timed out waiting for ${label}`);
    }
    await new Promise(r => setTimeout(r, 250));
  }
  return Date.now() - started;
}
