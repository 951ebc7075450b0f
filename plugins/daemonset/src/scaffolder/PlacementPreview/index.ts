export {
  DaemonSetPlacementPreview,
  describePreviewError,
} from './DaemonSetPlacementPreview';
export type { DaemonSetPlacementPreviewUiOptions } from './DaemonSetPlacementPreview';
export { DaemonSetPlacementPreviewSchema } from './schema';
export {
  describeCost,
  describeExcluded,
  formatBytes,
  formatCores,
} from './format';
export {
  PLACEMENT_DEBOUNCE_MS,
  placementInput,
  usePlacementPreview,
} from './usePlacementPreview';
