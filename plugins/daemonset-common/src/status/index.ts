export * from './types';
export type {
  KubeAffinity,
  KubeCondition,
  KubeContainer,
  KubeContainerState,
  KubeContainerStatus,
  KubeControllerRevision,
  KubeDaemonSet,
  KubeNode,
  KubeNodeSelectorRequirement,
  KubeNodeSelectorTerm,
  KubeObjectMeta,
  KubeOwnerReference,
  KubePod,
  KubePodSpec,
  KubeTaint,
  KubeTime,
  KubeToleration,
} from './kubernetes';
export { CONTROLLER_REVISION_HASH_LABEL } from './kubernetes';
export type { TolerationOptions } from './tolerations';
export {
  daemonPodDefaultTolerations,
  effectiveDaemonPodTolerations,
  formatTaint,
  toleratesTaint,
  untoleratedTaints,
} from './tolerations';
export {
  nodeSelectorMismatches,
  requiredNodeAffinityMismatch,
} from './nodeSelector';
export { computeEligibility, eligibilityChecker } from './eligibility';
export {
  CONTAINER_FAILURE_REASONS,
  isContainerFailing,
  podNodeName,
  summarisePod,
} from './pods';
export { currentRevisionOf, revisionHash } from './revisions';
export type { Assessment, VerdictContext } from './verdict';
export { assessNode, verdictFor } from './verdict';
export type { DaemonSetStatusInput } from './report';
export { NodeRowCache } from './rowCache';
export { formatToleration, summarisePlacement } from './placement';
export type { NodeHealth } from './nodeHealth';
export { nodeConditionFlags, nodeHealth } from './nodeHealth';
export {
  buildDaemonSetStatusReport,
  compareNodeRows,
  summariseDaemonSet,
  summariseNode,
  VERDICT_SEVERITY_ORDER,
} from './report';
export type {
  ClusterStatusPatch,
  DaemonSetStatusReportPatch,
  EntityDaemonSetStatusPatch,
  NodeRowChanges,
} from './patch';
export { applyStatusPatch } from './patch';
