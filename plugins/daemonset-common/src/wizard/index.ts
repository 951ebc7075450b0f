export type { Problem } from './problems';
export { DaemonSetInputError } from './problems';
export { parseProblemPath } from './problemPath';
export { daemonSetInputSchema, daemonSetInputJsonSchema } from './schema';
export type {
  DaemonSetInput,
  ParsedDaemonSetInput,
  ParsedContainerInput,
} from './schema';
export { validateDaemonSetInput } from './validate';
export {
  allowEmptyOptionalSections,
  pruneEmptySections,
} from './emptySections';
export { buildDaemonSetManifests } from './build';
export {
  defaultApprovalPolicy,
  evaluateApprovalPolicy,
  parseApprovalPolicy,
} from './policy';
export type { ApprovalPolicy, PolicyDecision, PolicyOutcome } from './policy';
export {
  CLUSTER_ANNOTATION,
  LOG_PATHS_ANNOTATION,
  NETWORKS_ANNOTATION,
  MANAGED_BY,
  RESERVED_LABELS,
  TIMEZONE_VOLUME,
  logVolumeName,
} from './build/metadata';
export {
  DEFAULT_REQUESTS,
  GPU_PRODUCT_LABEL,
  GPU_RESOURCE,
} from './build/resources';
export { VIRTUAL_KUBELET_TOLERATION } from './build/podSpec';
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
} from './types';
