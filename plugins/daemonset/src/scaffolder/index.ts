export * from './fieldExtensions';
export type { DaemonSetClusterPickerUiOptions } from './pickers/DaemonSetClusterPicker';
export type { DaemonSetNamespacePickerUiOptions } from './pickers/DaemonSetNamespacePicker';
export type {
  KeyedObjectPickerUiOptions,
  KeyReferenceValue,
} from './pickers/KeyedObjectPicker';
export type { DaemonSetPlacementPreviewUiOptions } from './PlacementPreview';
export type { DaemonSetFieldContextOptions } from './formContext';
