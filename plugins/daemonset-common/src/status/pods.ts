import {
  CONTROLLER_REVISION_HASH_LABEL,
  KubeContainerState,
  KubeContainerStatus,
  KubePod,
  toIsoTime,
} from './kubernetes';
import type {
  ContainerStatusInfo,
  PodInfo,
} from '@daemonsets/plugin-daemonset-common';

/**
 * Waiting reasons that mean a container will not start without someone fixing something.
 *
 * @public
 */
export const CONTAINER_FAILURE_REASONS: ReadonlySet<string> = new Set([
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreStartHookError',
  'PostStartHookError',
]);

/**
 * Label of DaemonSet pods with the DaemonSet's template generation (the DaemonSet's
 * `deprecated.daemonset.template.generation` annotation), still honoured by the controller.
 */
const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

/**
 * Whether a container is failing: waiting with a reason of {@link CONTAINER_FAILURE_REASONS},
 * terminated with a non-zero exit code after at least one restart, or not ready after a restart
 * that followed a non-zero exit (crash-looping, between two back-offs).
 *
 * @public
 */
export function isContainerFailing(container: ContainerStatusInfo): boolean {
  if (container.state === 'waiting') {
    return (
      container.reason !== undefined &&
      CONTAINER_FAILURE_REASONS.has(container.reason)
    );
  }
  if (container.restartCount === 0) {
    return false;
  }
  if (container.state === 'terminated') {
    return container.exitCode !== undefined && container.exitCode !== 0;
  }
  return (
    container.state === 'running' &&
    !container.ready &&
    !container.init &&
    (container.lastTermination?.exitCode ?? 0) !== 0
  );
}

function stateOf(
  state: KubeContainerState | undefined,
): Pick<
  ContainerStatusInfo,
  'state' | 'reason' | 'message' | 'startedAt' | 'exitCode'
> {
  if (state?.running) {
    return { state: 'running', startedAt: toIsoTime(state.running.startedAt) };
  }
  if (state?.waiting) {
    return {
      state: 'waiting',
      reason: state.waiting.reason,
      message: state.waiting.message,
    };
  }
  if (state?.terminated) {
    return {
      state: 'terminated',
      reason: state.terminated.reason,
      message: state.terminated.message,
      startedAt: toIsoTime(state.terminated.startedAt),
      exitCode: state.terminated.exitCode,
    };
  }
  return { state: 'unknown' };
}

function summariseContainer(
  status: KubeContainerStatus,
  init: boolean,
): ContainerStatusInfo {
  const info: ContainerStatusInfo = {
    name: status.name,
    image: status.image,
    ready: status.ready === true,
    restartCount: status.restartCount ?? 0,
    ...stateOf(status.state),
  };
  if (init) {
    info.init = true;
  }
  const last = status.lastState?.terminated;
  if (last) {
    info.lastTermination = {
      reason: last.reason,
      exitCode: last.exitCode,
      finishedAt: toIsoTime(last.finishedAt),
    };
  }
  return info;
}

interface Explanation {
  score: number;
  reason: string;
  message?: string;
}

function describeLastTermination(c: ContainerStatusInfo): string | undefined {
  const last = c.lastTermination;
  if (!last) {
    return undefined;
  }
  return `last terminated: ${last.reason ?? 'unknown reason'} (exit code ${
    last.exitCode ?? '?'
  })`;
}

function moreTelling(
  current: Explanation | undefined,
  candidate: Explanation | undefined,
): Explanation | undefined {
  return candidate && (!current || candidate.score > current.score)
    ? candidate
    : current;
}

/** How telling a container's state is; the highest wins, init containers first on ties. */
function explainContainer(c: ContainerStatusInfo): Explanation | undefined {
  const who = `${c.init ? 'init container' : 'container'} ${c.name}`;
  if (c.state === 'waiting' && c.reason) {
    if (CONTAINER_FAILURE_REASONS.has(c.reason)) {
      const details = [
        c.reason === 'CrashLoopBackOff'
          ? describeLastTermination(c)
          : undefined,
        c.message,
      ].filter(Boolean);
      return {
        score: 5,
        reason: c.reason,
        message: [who, ...details].join(': '),
      };
    }
    if (c.reason === 'PodInitializing' && !c.init) {
      return { score: 1, reason: c.reason, message: c.message };
    }
    return { score: 2, reason: c.reason, message: c.message ?? who };
  }
  if (c.state === 'terminated' && c.exitCode !== 0) {
    return {
      score: c.reason === 'OOMKilled' || c.restartCount > 0 ? 5 : 3,
      reason: c.reason ?? 'Error',
      message: `${who} exited with code ${c.exitCode}${
        c.message ? `: ${c.message}` : ''
      }`,
    };
  }
  if (isContainerFailing(c)) {
    return {
      score: 4,
      reason: c.lastTermination?.reason ?? 'Error',
      message: `${who} restarted ${
        c.restartCount
      } times, ${describeLastTermination(c)}`,
    };
  }
  return undefined;
}

/**
 * The node a DaemonSet pod is on or, while not scheduled yet, the node the controller created
 * it for (the `metadata.name` field of its required node affinity), as the controller's
 * `GetTargetNodeName`.
 *
 * @public
 */
export function podNodeName(pod: KubePod): string | undefined {
  if (pod.spec?.nodeName) {
    return pod.spec.nodeName;
  }
  const terms =
    pod.spec?.affinity?.nodeAffinity
      ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const field of term.matchFields ?? []) {
      if (
        field.key === 'metadata.name' &&
        field.operator === 'In' &&
        field.values?.length === 1
      ) {
        return field.values[0];
      }
    }
  }
  return undefined;
}

/**
 * Summarises a DaemonSet pod for the per-node table.
 *
 * @remarks
 * - `ready` is the pod's Ready condition; `restarts` sums the restart counts of all containers,
 *   init containers included.
 * - `reason`/`message` give the most telling state: a failed pod's own reason (Evicted...),
 *   a failing container (CrashLoopBackOff with its last termination, ImagePullBackOff,
 *   OOMKilled...), init containers winning ties because they block the others, then an
 *   unschedulable pod's reason, then a starting container's (ContainerCreating...).
 * - `currentRevision` is true when the pod's `controller-revision-hash` label equals
 *   `currentRevision`, or its `pod-template-generation` label equals `templateGeneration` (the
 *   DaemonSet's `deprecated.daemonset.template.generation` annotation), as the controller's
 *   `IsPodUpdated`; and true when neither is known.
 *
 * @param pod - the pod
 * @param currentRevision - the DaemonSet's current revision hash, see {@link currentRevisionOf}
 * @param templateGeneration - the DaemonSet's `deprecated.daemonset.template.generation` annotation
 * @public
 */
export function summarisePod(
  pod: KubePod,
  currentRevision?: string,
  templateGeneration?: string,
): PodInfo {
  const meta = pod.metadata ?? {};
  const status = pod.status ?? {};
  const labels = meta.labels ?? {};
  const containers = [
    ...(status.initContainerStatuses ?? []).map(c =>
      summariseContainer(c, true),
    ),
    ...(status.containerStatuses ?? []).map(c => summariseContainer(c, false)),
  ];
  const readyCondition = status.conditions?.find(c => c.type === 'Ready');
  const ready = readyCondition?.status === 'True';
  const revision = labels[CONTROLLER_REVISION_HASH_LABEL];

  let best: Explanation | undefined;
  if (status.phase === 'Failed') {
    best = moreTelling(best, {
      score: 6,
      reason: status.reason ?? 'Failed',
      message: status.message,
    });
  }
  for (const c of containers) {
    best = moreTelling(best, explainContainer(c));
  }
  const scheduled = status.conditions?.find(c => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    best = moreTelling(best, {
      score: 3,
      reason: scheduled.reason ?? 'Unschedulable',
      message: scheduled.message,
    });
  }
  if (status.reason) {
    best = moreTelling(best, {
      score: 1,
      reason: status.reason,
      message: status.message,
    });
  }

  const revisionKnown =
    currentRevision !== undefined || templateGeneration !== undefined;
  const info: PodInfo = {
    name: meta.name ?? '',
    namespace: meta.namespace ?? '',
    phase: status.phase ?? 'Unknown',
    ready,
    restarts: containers.reduce((sum, c) => sum + c.restartCount, 0),
    currentRevision:
      !revisionKnown ||
      (currentRevision !== undefined && revision === currentRevision) ||
      (templateGeneration !== undefined &&
        labels[TEMPLATE_GENERATION_LABEL] === templateGeneration),
    deleting:
      meta.deletionTimestamp !== undefined && meta.deletionTimestamp !== null,
    containers,
  };
  if (best) {
    info.reason = best.reason;
    if (best.message !== undefined) info.message = best.message;
  }
  const startTime = toIsoTime(status.startTime);
  if (startTime) info.startTime = startTime;
  const createdAt = toIsoTime(meta.creationTimestamp);
  if (createdAt) info.createdAt = createdAt;
  const readySince = ready
    ? toIsoTime(readyCondition?.lastTransitionTime)
    : undefined;
  if (readySince) info.readySince = readySince;
  const nodeName = podNodeName(pod);
  if (nodeName) info.nodeName = nodeName;
  if (revision !== undefined) info.revision = revision;
  return info;
}
