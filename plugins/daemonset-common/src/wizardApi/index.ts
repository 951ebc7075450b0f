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
