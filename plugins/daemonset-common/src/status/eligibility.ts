import { KubeDaemonSet, KubeNode } from './kubernetes';
import {
  nodeSelectorMismatches,
  requiredNodeAffinityMismatch,
} from './nodeSelector';
import {
  effectiveDaemonPodTolerations,
  formatTaint,
  TolerationOptions,
  untoleratedTaints,
} from './tolerations';
import type { Eligibility } from '@daemonsets/plugin-daemonset-common';

const SCHEDULING_EFFECTS = ['NoSchedule', 'NoExecute'];
const EXECUTION_EFFECTS = ['NoExecute'];

/**
 * Prepares the eligibility check of one DaemonSet, to run it on many nodes.
 *
 * @see {@link computeEligibility} for the rules.
 * @public
 */
export function eligibilityChecker(
  daemonSet: KubeDaemonSet,
  options: TolerationOptions = {},
): (node: KubeNode) => Eligibility {
  const podSpec = daemonSet.spec?.template?.spec;
  const tolerations = effectiveDaemonPodTolerations(podSpec);
  const templateNodeName = podSpec?.nodeName;
  const nodeSelector = podSpec?.nodeSelector;
  const requiredAffinity =
    podSpec?.affinity?.nodeAffinity
      ?.requiredDuringSchedulingIgnoredDuringExecution;

  return (node: KubeNode): Eligibility => {
    const reasons: string[] = [];
    const nodeName = node.metadata?.name ?? '';
    if (templateNodeName && templateNodeName !== nodeName) {
      reasons.push(`pod template is pinned to node ${templateNodeName}`);
    }
    reasons.push(...nodeSelectorMismatches(nodeSelector, node));
    const affinityMismatch = requiredNodeAffinityMismatch(
      requiredAffinity,
      node,
    );
    if (affinityMismatch) {
      reasons.push(affinityMismatch);
    }
    const placementFits = reasons.length === 0;

    const taints = node.spec?.taints ?? [];
    if (taints.length === 0) {
      return {
        eligible: placementFits,
        reasons,
        shouldContinueRunning: placementFits,
      };
    }
    const untolerated = untoleratedTaints(
      taints,
      tolerations,
      SCHEDULING_EFFECTS,
      options,
    );
    for (const taint of untolerated) {
      reasons.push(`taint ${formatTaint(taint)} not tolerated`);
    }
    return {
      eligible: reasons.length === 0,
      reasons,
      shouldContinueRunning:
        placementFits &&
        !untolerated.some(t => EXECUTION_EFFECTS.includes(t.effect)),
    };
  };
}

/**
 * Whether the DaemonSet controller runs a pod of `daemonSet` on `node`, with the same rules as
 * `NodeShouldRunDaemonPod` in k8s.io/kubernetes pkg/controller/daemon.
 *
 * @remarks
 * The rules, each failing one giving a reason:
 *
 * - a `nodeName` in the pod template must be the node's name;
 * - every label of the template's `nodeSelector` must be on the node with that value;
 * - the template's required node affinity must match (see {@link requiredNodeAffinityMismatch});
 * - every `NoSchedule` and `NoExecute` taint of the node must be tolerated, by the template's
 *   tolerations or by those the controller adds to every DaemonSet pod
 *   ({@link daemonPodDefaultTolerations}). `PreferNoSchedule` taints do not matter.
 *
 * Consequently a cordoned node (`spec.unschedulable`, tainted `node.kubernetes.io/unschedulable`)
 * is still eligible, and so is a node under disk, memory or PID pressure. A NotReady or
 * unreachable node keeps its pod: DaemonSet pods tolerate the `node.kubernetes.io/not-ready` and
 * `node.kubernetes.io/unreachable` `NoExecute` taints, so the node stays eligible while it has
 * only those. But the node lifecycle controller also taints such a node
 * `node.kubernetes.io/not-ready:NoSchedule` (or `unreachable:NoSchedule`), which the controller
 * does not add a toleration for: then, exactly as upstream, the node is not eligible for a new
 * pod (and leaves the DaemonSet's desired count) while `shouldContinueRunning` stays true; the
 * verdict reports such a node with a pod as failing because of the node, not as misscheduled.
 * Resources, ports and volumes are the scheduler's business, not the controller's: a node short
 * of CPU is eligible and its pod stays Pending.
 *
 * `shouldContinueRunning` is the controller's second answer: an existing pod is left running on
 * a node that became ineligible only through untolerated `NoSchedule` taints (it still counts as
 * misscheduled in the DaemonSet's status).
 *
 * @public
 */
export function computeEligibility(
  node: KubeNode,
  daemonSet: KubeDaemonSet,
  options: TolerationOptions = {},
): Eligibility {
  return eligibilityChecker(daemonSet, options)(node);
}
