export type { Problem } from './problems';
export { DaemonSetInputError } from './problems';
export { parseProblemPath } from './problemPath';
export { daemonSetInputSchema, daemonSetInputJsonSchema } from './schema';
export type { DaemonSetInputSchema } from './schema';
export type {
  ContainerInput,
  ContainerPortInput,
  DaemonSetInput,
  DnsInput,
  EnvVarInput,
  HttpGetActionInput,
  InstrumentationInput,
  KeyReferenceInput,
  KeyToPathInput,
  LabelSelectorInput,
  LifecycleHandlerInput,
  MetricsInput,
  NodeSelectorTermInput,
  ParsedContainerInput,
  ParsedDaemonSetInput,
  PodAffinityInput,
  PodAffinityTermInput,
  PortReference,
  ProbeInput,
  QuantityInput,
  ResourcesInput,
  SchedulingInput,
  ServiceInput,
  ServicePortInput,
  TolerationInput,
  UpdateStrategyInput,
  VolumeInput,
  VolumeMountInput,
} from './input';
export { validateDaemonSetInput } from './validate';
export {
  allowEmptyOptionalSections,
  pruneEmptySections,
} from './emptySections';
export { buildDaemonSetManifests } from './manifests';
export {
  daemonSetInputFromManifests,
  formatFieldPath,
  withKeptFields,
} from './fromManifest';
export type { KeptField, ManifestInputResult } from './fromManifest';
export {
  defaultApprovalPolicy,
  evaluateApprovalPolicy,
  parseApprovalPolicy,
} from './policy';
export type { ApprovalPolicy, PolicyDecision, PolicyOutcome } from './policy';
export { daemonSetEntityName, daemonSetEntityRef } from './entityName';
export type { DaemonSetLocation } from './entityName';
export {
  CLUSTER_ANNOTATION,
  DESCRIPTION_ANNOTATION,
  ENTITY_NAME_ANNOTATION,
  OWNER_ANNOTATION,
  SYSTEM_ANNOTATION,
  LOG_PATHS_ANNOTATION,
  NETWORKS_ANNOTATION,
  MANAGED_BY,
  RESERVED_LABELS,
  TIMEZONE_VOLUME,
  logVolumeName,
} from './manifests/metadata';
export {
  DEFAULT_REQUESTS,
  GPU_PRODUCT_LABEL,
  GPU_RESOURCE,
} from './manifests/resources';
export { VIRTUAL_KUBELET_TOLERATION } from './manifests/podSpec';
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
