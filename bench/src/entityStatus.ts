import { statusUrl } from './backend';
import { call } from './httpClient';

/** Whether a status answer reports every cluster read, with a DaemonSet and its rows. */
export function isCompleteStatus(body: string): boolean {
  const status = JSON.parse(body);
  return status.clusters.every(
    (c: any) =>
      !c.error && c.daemonSets.length > 0 && c.daemonSets[0].nodes.length > 0,
  );
}

/**
 * Asks for an entity's status until the answer is complete (its views have listed); rejects after
 * `timeoutMs`.
 */
export async function entityComplete(
  base: string,
  entity: string,
  timeoutMs = 600_000,
): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    const res = await call(statusUrl(base, entity));
    if (res.status === 200 && isCompleteStatus(res.body)) return;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(`status of ${entity} never complete`);
}
