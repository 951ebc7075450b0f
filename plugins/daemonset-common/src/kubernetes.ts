/**
 * The Kubernetes side of the DaemonSet plugins: the shapes of the objects the backend reads from
 * a cluster and of the manifests the wizard builds, and the pure conversions between those
 * objects and the plugin's own model (manifest builder, manifest to wizard input, manifest
 * policy, placement preview, status report). Kept apart from the main entry point so the
 * browser-facing model stays small; see the package README.
 *
 * @packageDocumentation
 */

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
} from './status/kubernetes';
export type { DaemonSetStatusInput } from './status/report';
export { buildDaemonSetStatusReport } from './status/report';
export { NodeRowCache } from './status/rowCache';
export type {
  BuildResult,
  ContainerManifest,
  DaemonSetManifest,
  KubernetesObject,
  ObjectMeta,
  PodSpecManifest,
  ServiceManifest,
  TolerationManifest,
  VolumeManifest,
} from './wizard/types';
export { buildDaemonSetManifests } from './wizard/manifests';
export {
  daemonSetInputFromManifests,
  withKeptFields,
} from './wizard/fromManifest';
export type { ManifestInputResult } from './wizard/fromManifest';
export * from './approvals/manifestPolicy';
export { parsePlacementInput, previewPlacement } from './wizardApi/placement';
export {
  dns1035Label,
  dns1123Label,
  dns1123LabelPattern,
  dns1123Subdomain,
} from './wizard/formats';
export type { Format } from './wizard/formats';
export type { PlacementInput } from './wizardApi/placement';
export {
  CLUSTER_ANNOTATION,
  ENTITY_NAME_ANNOTATION,
  LOG_PATHS_ANNOTATION,
  MANAGED_BY,
  NETWORKS_ANNOTATION,
  RESERVED_LABELS,
  TIMEZONE_VOLUME,
  logVolumeName,
} from './wizard/manifests/metadata';
export {
  DEFAULT_REQUESTS,
  GPU_PRODUCT_LABEL,
  GPU_RESOURCE,
} from './wizard/manifests/resources';
export { VIRTUAL_KUBELET_TOLERATION } from './wizard/manifests/podSpec';
export { CONTROLLER_REVISION_HASH_LABEL } from './status/kubernetes';
export {
  CONTAINER_FAILURE_REASONS,
  isContainerFailing,
  podNodeName,
  summarisePod,
} from './status/pods';
export { NODE_CAUSE_REASONS } from './troubleshooting/nodeCause';
export {
  MAX_EXCLUSION_GROUPS,
  exclusionKindOf,
  placementPodSpec,
} from './wizardApi/placement';
export type { PlacementRequest } from './wizardApi/types';
export { evaluateApprovalPolicy } from './wizard/policyEvaluation';
export type { PolicyOutcome } from './wizard/policyEvaluation';
export {
  daemonPodDefaultTolerations,
  effectiveDaemonPodTolerations,
  formatTaint,
  toleratesTaint,
  untoleratedTaints,
} from './status/tolerations';
export type { TolerationOptions } from './status/tolerations';
export { assessNode, verdictFor } from './status/verdict';
export type { Assessment, VerdictContext } from './status/verdict';
export { computeEligibility, eligibilityChecker } from './status/eligibility';
export { currentRevisionOf, revisionHash } from './status/revisions';
export { formatToleration, summarisePlacement } from './status/placement';
export {
  nodeSelectorMismatches,
  requiredNodeAffinityMismatch,
} from './status/nodeSelector';
export { summariseDaemonSet, summariseNode } from './status/report';
export { isPathUnder } from './wizard/paths';
export { isImageAllowed } from './wizard/image';
