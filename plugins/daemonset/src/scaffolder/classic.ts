import { attachComponentData } from '@backstage/core-plugin-api';
import {
  createScaffolderFieldExtension,
  FieldExtensionComponent,
  FieldExtensionOptions,
} from '@backstage/plugin-scaffolder-react';
import { daemonSetPlugin } from '../plugin';
import { daemonSetFieldExtensions } from './fieldExtensions';

function provide(options: FieldExtensionOptions<any, any>) {
  const FieldExtension = daemonSetPlugin.provide(
    createScaffolderFieldExtension(options),
  );
  // The scaffolder's extension ignores the plugin it is provided by; marking the element with
  // it lets a classic app that only renders the field extensions still register the plugin's
  // API (daemonSetApiRef), as for any component extension.
  attachComponentData(FieldExtension, 'core.plugin', daemonSetPlugin);
  return FieldExtension;
}

const provided = new Map(
  daemonSetFieldExtensions.map(options => [options.name, provide(options)]),
);

function component(name: string): FieldExtensionComponent<unknown, {}> {
  const found = provided.get(name);
  if (!found) throw new Error(`No DaemonSet field extension named ${name}`);
  return found;
}

/**
 * Every DaemonSet field extension for the classic frontend system, one per entry of
 * `daemonSetFieldExtensions`, to render inside `<ScaffolderFieldExtensions>`.
 *
 * @public
 */
export const DaemonSetFieldExtensionComponents: ReadonlyArray<{
  name: string;
  FieldExtension: FieldExtensionComponent<unknown, {}>;
}> = daemonSetFieldExtensions.map(({ name }) => ({
  name,
  FieldExtension: component(name),
}));

/** `ui:field: DaemonSetClusterPicker` for the classic frontend system. @public */
export const DaemonSetClusterPickerFieldExtension = component(
  'DaemonSetClusterPicker',
);
/** `ui:field: DaemonSetNamespacePicker` for the classic frontend system. @public */
export const DaemonSetNamespacePickerFieldExtension = component(
  'DaemonSetNamespacePicker',
);
/** `ui:field: DaemonSetSecretPicker` for the classic frontend system. @public */
export const DaemonSetSecretPickerFieldExtension = component(
  'DaemonSetSecretPicker',
);
/** `ui:field: DaemonSetConfigMapPicker` for the classic frontend system. @public */
export const DaemonSetConfigMapPickerFieldExtension = component(
  'DaemonSetConfigMapPicker',
);
/** `ui:field: DaemonSetPlacementPreview` for the classic frontend system. @public */
export const DaemonSetPlacementPreviewFieldExtension = component(
  'DaemonSetPlacementPreview',
);
