import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  KeyedObjectKind,
  KeyedObjectPicker,
  KeyedObjectPickerUiOptions,
  KeyReferenceValue,
} from '../KeyedObjectPicker';

const secrets: KeyedObjectKind = {
  kind: 'Secret',
  list: (api, cluster, namespace) => api.listSecrets(cluster, namespace),
};

/**
 * A Secret of the chosen namespace (`ui:field: DaemonSetSecretPicker`). On a string field it
 * picks a name (`volumes[].secret.secretName`, `imagePullSecrets[]`); on an object field a key
 * reference `{ name, key }` (env `secretKeyRef`). Names and key names only, never values; a name
 * that does not exist yet may be typed.
 *
 * @public
 */
export function DaemonSetSecretPicker(
  props: FieldExtensionComponentProps<
    string | KeyReferenceValue,
    KeyedObjectPickerUiOptions
  >,
) {
  return <KeyedObjectPicker {...props} objectKind={secrets} />;
}
