import { NotFoundError } from '@backstage/errors';
import { objectPath } from './allowedKinds';
import { KubeRequester } from './kubeRequest';
import { DaemonSetRollout } from './types';

/**
 * The fields of a DaemonSet that {@link summarizeRollout} reads: a plain JSON object from the
 * API server or a `V1DaemonSet` of `@kubernetes/client-node`.
 *
 * @public
 */
export interface DaemonSetState {
  /** The DaemonSet's metadata: its generation. */
  metadata?: { generation?: number };
  /** The DaemonSet's update strategy (`RollingUpdate` when absent, as the API server defaults). */
  spec?: { updateStrategy?: { type?: string } };
  /** The DaemonSet's status counts. */
  status?: {
    observedGeneration?: number;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    numberUnavailable?: number;
  };
}

/**
 * Summarises a DaemonSet's rollout from its generation and status, with kubectl's rule
 * (`kubectl rollout status`): the controller saw the latest generation and at least
 * `desiredNumberScheduled` pods are updated and available. Under `OnDelete` a pod takes a new
 * template only when someone deletes it, so there is no rollout to wait for: complete means every
 * node runs an available pod, whatever its template.
 *
 * @public
 */
export function summarizeRollout(daemonSet: DaemonSetState): DaemonSetRollout {
  const status = daemonSet.status ?? {};
  const desired = status.desiredNumberScheduled ?? 0;
  const updated = status.updatedNumberScheduled ?? 0;
  const ready = status.numberReady ?? 0;
  const available = status.numberAvailable ?? 0;
  const unavailable = status.numberUnavailable ?? 0;
  const observed =
    (status.observedGeneration ?? 0) >= (daemonSet.metadata?.generation ?? 0);
  const onDelete = daemonSet.spec?.updateStrategy?.type === 'OnDelete';
  return {
    desired,
    updated,
    ready,
    available,
    unavailable,
    complete:
      observed && (onDelete || updated >= desired) && available >= desired,
    ...(onDelete ? { onDelete: true as const } : {}),
  };
}

/**
 * Options of {@link waitForDaemonSetRollout}.
 *
 * @public
 */
export interface WaitForRolloutOptions {
  /** Calls the cluster, e.g. `createKubeRequester(cluster)`. */
  request: KubeRequester;
  /** The DaemonSet's namespace. */
  namespace: string;
  /** The DaemonSet's name. */
  name: string;
  /** How long to wait before failing with the last counts. */
  timeoutSeconds: number;
  /** Called with a line such as `37/50 nodes updated and ready` whenever the counts change. */
  onProgress?: (line: string, rollout: DaemonSetRollout) => void;
  /** How often to read the DaemonSet. Default 2000. */
  pollIntervalMs?: number;
  /** Stops waiting. */
  signal?: AbortSignal;
}

/**
 * One progress line for the task log.
 *
 * @public
 */
export function describeRollout(rollout: DaemonSetRollout): string {
  const unavailable =
    rollout.unavailable > 0 ? ` (${rollout.unavailable} unavailable)` : '';
  if (rollout.onDelete) {
    return `${rollout.available}/${rollout.desired} nodes ready${unavailable}; ${rollout.updated} on the current template (OnDelete strategy: a pod takes a new template only when it is deleted, so there is no rollout to wait for)`;
  }
  const done = Math.min(rollout.updated, rollout.available);
  return `${done}/${rollout.desired} nodes updated and ready${unavailable}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('The rollout wait was cancelled'));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('The rollout wait was cancelled'));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Polls a DaemonSet until its rollout is complete (see {@link summarizeRollout}).
 *
 * @throws Error naming the last counts when the timeout passes first; NotFoundError when the
 * DaemonSet does not exist.
 * @public
 */
export async function waitForDaemonSetRollout(
  options: WaitForRolloutOptions,
): Promise<DaemonSetRollout> {
  const { request, namespace, name, onProgress, signal } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 2000;
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  const path = objectPath({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
  });
  let lastLine: string | undefined;
  for (;;) {
    const daemonSet = (await request({ method: 'GET', path, signal })) as
      | DaemonSetState
      | undefined;
    if (!daemonSet) {
      throw new NotFoundError(`DaemonSet ${namespace}/${name} does not exist`);
    }
    const rollout = summarizeRollout(daemonSet);
    const line = describeRollout(rollout);
    if (line !== lastLine) {
      onProgress?.(line, rollout);
      lastLine = line;
    }
    if (rollout.complete) {
      return rollout;
    }
    if (Date.now() >= deadline) {
      throw new Error(
        `DaemonSet ${namespace}/${name} did not finish rolling out within ${options.timeoutSeconds} seconds: ${line}`,
      );
    }
    await sleep(
      Math.min(pollIntervalMs, Math.max(deadline - Date.now(), 0)),
      signal,
    );
  }
}
