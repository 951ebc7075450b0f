import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import {
  DaemonSetClusterPicker,
  DaemonSetClusterPickerSchema,
  DaemonSetClusterPickerUiOptions,
  daemonSetClusterPickerValidation,
} from './pickers/DaemonSetClusterPicker';
import {
  DaemonSetNamespacePicker,
  DaemonSetNamespacePickerSchema,
  DaemonSetNamespacePickerUiOptions,
  daemonSetNamespacePickerValidation,
} from './pickers/DaemonSetNamespacePicker';
import { DaemonSetSecretPicker } from './pickers/DaemonSetSecretPicker';
import { DaemonSetConfigMapPicker } from './pickers/DaemonSetConfigMapPicker';
import {
  keyedObjectPickerSchema,
  KeyedObjectPickerUiOptions,
  KeyReferenceValue,
} from './pickers/KeyedObjectPicker';
import {
  DaemonSetPlacementPreview,
  DaemonSetPlacementPreviewSchema,
  DaemonSetPlacementPreviewUiOptions,
} from './PlacementPreview';
import { sectionFieldExtensions } from './sections';

/** `ui:field: DaemonSetClusterPicker`, a string field. @public */
export const daemonSetClusterPickerOptions: FieldExtensionOptions<
  string,
  DaemonSetClusterPickerUiOptions
> = {
  name: 'DaemonSetClusterPicker',
  component: DaemonSetClusterPicker,
  validation: daemonSetClusterPickerValidation,
  schema: DaemonSetClusterPickerSchema,
};

/** `ui:field: DaemonSetNamespacePicker`, a string field. @public */
export const daemonSetNamespacePickerOptions: FieldExtensionOptions<
  string,
  DaemonSetNamespacePickerUiOptions
> = {
  name: 'DaemonSetNamespacePicker',
  component: DaemonSetNamespacePicker,
  validation: daemonSetNamespacePickerValidation,
  schema: DaemonSetNamespacePickerSchema,
};

/** `ui:field: DaemonSetSecretPicker`, a string field (a name) or an object field (`{ name, key }`). @public */
export const daemonSetSecretPickerOptions: FieldExtensionOptions<
  string | KeyReferenceValue,
  KeyedObjectPickerUiOptions
> = {
  name: 'DaemonSetSecretPicker',
  component: DaemonSetSecretPicker,
  schema: keyedObjectPickerSchema('Secret'),
};

/** `ui:field: DaemonSetConfigMapPicker`, a string field (a name) or an object field (`{ name, key }`). @public */
export const daemonSetConfigMapPickerOptions: FieldExtensionOptions<
  string | KeyReferenceValue,
  KeyedObjectPickerUiOptions
> = {
  name: 'DaemonSetConfigMapPicker',
  component: DaemonSetConfigMapPicker,
  schema: keyedObjectPickerSchema('ConfigMap'),
};

/** `ui:field: DaemonSetPlacementPreview`, on a placeholder property; writes nothing. @public */
export const daemonSetPlacementPreviewOptions: FieldExtensionOptions<
  unknown,
  DaemonSetPlacementPreviewUiOptions
> = {
  name: 'DaemonSetPlacementPreview',
  component: DaemonSetPlacementPreview,
  schema: DaemonSetPlacementPreviewSchema,
};

/**
 * Every field extension of the DaemonSet wizard: the pickers, the placement preview and the
 * structural fields of the template's sections. Both frontend systems register exactly this list
 * (`@daemonsets/plugin-daemonset` for the classic one, `daemonSetScaffolderModule` from `/alpha`
 * for the new one).
 *
 * @public
 */
export const daemonSetFieldExtensions: ReadonlyArray<
  FieldExtensionOptions<any, any>
> = [
  daemonSetClusterPickerOptions,
  daemonSetNamespacePickerOptions,
  daemonSetSecretPickerOptions,
  daemonSetConfigMapPickerOptions,
  daemonSetPlacementPreviewOptions,
  ...sectionFieldExtensions,
];
