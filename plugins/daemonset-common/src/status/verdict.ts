import { isContainerFailing } from './pods';
import type {
  Eligibility,
  NodeInfo,
  PodInfo,
  Verdict,
} from '@daemonsets/plugin-daemonset-common';

/**
 * What a verdict may depend on besides the node and its pod.
 *
 * @public
 */
export interface VerdictContext {
  /** The DaemonSet's `spec.minReadySeconds`: a pod ready for less time is still progressing. */
  minReadySeconds?: number;
  /** The time to judge at (ISO 8601 or epoch milliseconds); without it, no time-based rule applies. */
  now?: string | number;
  /**
   * After how many seconds since its start a pod that is still not ready, without any error
   * reason (a failing readiness probe, a volume that never mounts...), counts as failing.
   * Default 600.
   */
  stuckAfterSeconds?: number;
}

/**
 * A verdict with a short explanation.
 *
 * @public
 */
export interface Assessment {
  /** The verdict. */
  verdict: Verdict;
  /** A short explanation of the verdict. */
  reason: string;
}

const DEFAULT_STUCK_AFTER_SECONDS = 600;

function toMillis(time: string | number | undefined): number {
  if (time === undefined) {
    return NaN;
  }
  return typeof time === 'number' ? time : Date.parse(time);
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) {
    return `${Math.floor(seconds)}s`;
  }
  if (seconds < 7200) {
    return `${Math.floor(seconds / 60)}m`;
  }
  return `${Math.floor(seconds / 3600)}h`;
}

function failingContainerReason(pod: PodInfo): string | undefined {
  const failing = pod.containers.find(isContainerFailing);
  if (!failing) {
    return undefined;
  }
  const who = `${failing.init ? 'init container' : 'container'} ${
    failing.name
  }`;
  const last = failing.lastTermination;
  const lastText = last
    ? ` (last terminated: ${last.reason ?? 'unknown reason'}, exit code ${
        last.exitCode ?? '?'
      })`
    : '';
  if (failing.state === 'waiting') {
    return `${who}: ${failing.reason}${lastText}`;
  }
  if (failing.state === 'terminated') {
    return `${who}: ${failing.reason ?? 'Error'}, exit code ${
      failing.exitCode
    }, ${failing.restartCount} restarts`;
  }
  return `${who}: not ready after ${failing.restartCount} restarts${lastText}`;
}

function assessEligible(pod: PodInfo, context: VerdictContext): Assessment {
  if (pod.phase === 'Failed') {
    return {
      verdict: 'failing',
      reason: `pod failed: ${
        [pod.reason, pod.message].filter(Boolean).join(': ') ||
        'no reason given'
      }`,
    };
  }
  const containerReason = failingContainerReason(pod);
  if (containerReason) {
    return { verdict: 'failing', reason: containerReason };
  }
  if (pod.phase === 'Pending' && pod.reason === 'Unschedulable') {
    return {
      verdict: 'failing',
      reason: `pod cannot be scheduled${pod.message ? `: ${pod.message}` : ''}`,
    };
  }
  if (pod.phase === 'Succeeded') {
    return {
      verdict: 'progressing',
      reason: 'pod has completed; the controller replaces it',
    };
  }
  const now = toMillis(context.now);
  if (!pod.ready) {
    const since = toMillis(pod.startTime ?? pod.createdAt);
    const waited = (now - since) / 1000;
    const stuckAfter = context.stuckAfterSeconds ?? DEFAULT_STUCK_AFTER_SECONDS;
    const state = pod.reason ? `${pod.phase}, ${pod.reason}` : pod.phase;
    if (waited >= stuckAfter) {
      return {
        verdict: 'failing',
        reason: `pod not ready for ${formatSeconds(waited)} (${state})`,
      };
    }
    return { verdict: 'progressing', reason: `pod starting (${state})` };
  }
  if (!pod.currentRevision) {
    return {
      verdict: 'progressing',
      reason: `pod runs old revision ${
        pod.revision ?? '(unknown)'
      }; rollout pending`,
    };
  }
  const minReadySeconds = context.minReadySeconds ?? 0;
  if (minReadySeconds > 0) {
    const readyFor = (now - toMillis(pod.readySince)) / 1000;
    if (readyFor < minReadySeconds) {
      return {
        verdict: 'progressing',
        reason: `pod ready for ${formatSeconds(
          Math.max(readyFor, 0),
        )}, not yet available (minReadySeconds ${minReadySeconds})`,
      };
    }
  }
  return { verdict: 'ok', reason: 'pod ready on the current revision' };
}

/**
 * The verdict of one node for one DaemonSet, with a short explanation.
 *
 * @remarks
 * The rules, in order:
 *
 * 1. No pod: `missing` if the node is eligible, else `notEligible`.
 * 2. A pod being deleted: `progressing` (the controller is replacing or removing it).
 * 3. A pod on a NotReady node that the controller lets it stay on: `failing`, because of the
 *    node (the pod cannot run there, whatever its stale status says). This includes a node made
 *    ineligible only by the `not-ready:NoSchedule` taint the node lifecycle controller adds,
 *    which upstream counts as misscheduled.
 * 4. Any other pod on an ineligible node: `misscheduled` (as the controller's
 *    `numberMisscheduled`, even when it leaves the pod running because only `NoSchedule` taints
 *    are not tolerated).
 * 5. Eligible node, pod present — `failing` when:
 *    the pod's phase is Failed (evicted, rejected by the kubelet...);
 *    a container is failing (see {@link isContainerFailing}: CrashLoopBackOff, ImagePullBackOff,
 *    ErrImagePull, CreateContainerConfigError, CreateContainerError, InvalidImageName,
 *    RunContainerError..., a non-zero exit after restarts);
 *    the pod cannot be scheduled (Pending, Unschedulable: e.g. not enough CPU on the node);
 *    the pod has not become ready within `stuckAfterSeconds` of its start (needs `now`).
 * 6. Otherwise `progressing` when the pod has completed (the controller replaces it), is not
 *    ready yet, runs an old revision (rollout pending), or has been ready for less than
 *    `minReadySeconds` (needs `now`).
 * 7. Otherwise `ok`: ready, available, on the current revision.
 *
 * @public
 */
export function assessNode(
  eligibility: Eligibility,
  pod: PodInfo | undefined,
  node: NodeInfo,
  context: VerdictContext = {},
): Assessment {
  if (!pod) {
    if (eligibility.eligible) {
      return {
        verdict: 'missing',
        reason: `no pod on this node${node.ready ? '' : ' (node is NotReady)'}`,
      };
    }
    return { verdict: 'notEligible', reason: eligibility.reasons.join('; ') };
  }
  if (pod.deleting) {
    return {
      verdict: 'progressing',
      reason: `pod ${pod.name} is being deleted`,
    };
  }
  if (
    !node.ready &&
    (eligibility.eligible || eligibility.shouldContinueRunning)
  ) {
    return {
      verdict: 'failing',
      reason: `node ${node.name} is NotReady; its pod cannot run${
        pod.ready ? ' (its ready status is stale)' : ''
      }`,
    };
  }
  if (!eligibility.eligible) {
    return {
      verdict: 'misscheduled',
      reason: `pod runs where the DaemonSet should not: ${eligibility.reasons.join(
        '; ',
      )}${
        eligibility.shouldContinueRunning
          ? ' (the controller leaves it running: only NoSchedule taints are not tolerated)'
          : ''
      }`,
    };
  }
  return assessEligible(pod, context);
}

/**
 * The verdict of one node for one DaemonSet; see {@link assessNode} for the rules.
 *
 * @public
 */
export function verdictFor(
  eligibility: Eligibility,
  pod: PodInfo | undefined,
  node: NodeInfo,
  context: VerdictContext = {},
): Verdict {
  return assessNode(eligibility, pod, node, context).verdict;
}
