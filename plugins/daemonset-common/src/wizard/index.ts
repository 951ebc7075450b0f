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
export { formatFieldPath } from './fromManifest';
export type { KeptField } from './fromManifest';
export { defaultApprovalPolicy, parseApprovalPolicy } from './policy';
export type { ApprovalPolicy, PolicyDecision } from './policy';
export { daemonSetEntityName, daemonSetEntityRef } from './entityName';
export type { DaemonSetLocation } from './entityName';
export {
  DESCRIPTION_ANNOTATION,
  OWNER_ANNOTATION,
  SYSTEM_ANNOTATION,
} from './manifests/metadata';
