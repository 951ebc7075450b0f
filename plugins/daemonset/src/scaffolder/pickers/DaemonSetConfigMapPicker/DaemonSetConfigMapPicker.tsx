import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  KeyedObjectKind,
  KeyedObjectPicker,
  KeyedObjectPickerUiOptions,
  KeyReferenceValue,
} from '../KeyedObjectPicker';

const configMaps: KeyedObjectKind = {
  kind: 'ConfigMap',
  list: (api, cluster, namespace) => api.listConfigMaps(cluster, namespace),
};

/**
 * A ConfigMap of the chosen namespace (`ui:field: DaemonSetConfigMapPicker`). On a string field
 * it picks a name (`volumes[].configMap.name`); on an object field a key reference
 * `{ name, key }` (env `configMapKeyRef`). Names and key names only; a name that does not exist
 * yet may be typed.
 *
 * @public
 */
export function DaemonSetConfigMapPicker(
  props: FieldExtensionComponentProps<
    string | KeyReferenceValue,
    KeyedObjectPickerUiOptions
  >,
) {
  return <KeyedObjectPicker {...props} objectKind={configMaps} />;
}
