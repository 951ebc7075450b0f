export type {
  ClusterConnectionState,
  PlacementExclusionKind,
  PlacementPreview,
  WizardCluster,
  WizardKeyedObject,
  WizardList,
  WizardNamespace,
} from './types';
