export type { ManifestObject, AppliedObject, DaemonSetRollout } from './types';
export {
  APPLICABLE_KINDS,
  assertApplicableObjects,
  objectPath,
} from './allowedKinds';
export { createKubeRequester } from './kubeRequest';
export type { KubeRequest, KubeRequester } from './kubeRequest';
export { applyObjects, FIELD_MANAGER } from './applyObjects';
export type { ApplyObjectsOptions } from './applyObjects';
export {
  describeRollout,
  summarizeRollout,
  waitForDaemonSetRollout,
} from './waitForRollout';
export type { DaemonSetState, WaitForRolloutOptions } from './waitForRollout';
