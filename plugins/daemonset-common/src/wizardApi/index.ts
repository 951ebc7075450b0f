export type {
  ClusterConnectionState,
  PlacementExclusionKind,
  PlacementPreview,
  PlacementRequest,
  WizardCluster,
  WizardKeyedObject,
  WizardList,
  WizardNamespace,
} from './types';
export {
  exclusionKindOf,
  MAX_EXCLUSION_GROUPS,
  parsePlacementInput,
  placementPodSpec,
  previewPlacement,
} from './placement';
export type { PlacementInput } from './placement';
