/**
 * The DaemonSet entity tab and the DaemonSet wizard's scaffolder form fields for apps on the new
 * frontend system.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import PlaylistAddCheckIcon from '@material-ui/icons/PlaylistAddCheck';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import type {
  CustomFieldExtensionSchema,
  FieldSchema,
} from '@backstage/plugin-scaffolder-react';
import {
  createFormField,
  FormFieldBlueprint,
} from '@backstage/plugin-scaffolder-react/alpha';
import { daemonSetApiRef, DaemonSetClient } from './api';
import { isDaemonSetAvailable } from './annotations';
import { daemonSetFieldExtensions } from './scaffolder/fieldExtensions';

const daemonSetApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: daemonSetApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DaemonSetClient({ discoveryApi, fetchApi }),
    }),
});

const entityDaemonSetContent = EntityContentBlueprint.make({
  params: {
    path: 'daemonset',
    title: 'DaemonSet',
    filter: isDaemonSetAvailable,
    loader: () =>
      import('./components/EntityDaemonSetContent').then(m => (
        <m.EntityDaemonSetContent />
      )),
  },
});

const approvalsPage = PageBlueprint.make({
  name: 'approvals',
  params: {
    path: '/daemonset-approvals',
    title: 'Approvals',
    icon: <PlaylistAddCheckIcon />,
    noHeader: true,
    loader: () =>
      import('./components/Approvals').then(m => <m.ApprovalsPage />),
  },
});

/**
 * The DaemonSet plugin for apps on the new frontend system: an API, an entity content tab and
 * the Approvals page at `/daemonset-approvals`.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'daemonset',
  extensions: [daemonSetApi, entityDaemonSetContent, approvalsPage],
});

/** `DaemonSetClusterPicker` → `daemonset-cluster-picker`. */
function extensionName(fieldName: string): string {
  return fieldName
    .replace(/^DaemonSet/, 'Daemonset')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase();
}

/**
 * The classic options carry the JSON schema (`makeFieldSchema(...).schema`); `createFormField`
 * takes the whole `FieldSchema`, whose other members are type-only (undefined at runtime).
 */
function toFieldSchema(
  schema: CustomFieldExtensionSchema | undefined,
): FieldSchema<any, any> | undefined {
  if (!schema) return undefined;
  return {
    schema,
    TProps: undefined as never,
    TOutput: undefined,
    type: undefined as never,
    uiOptionsType: undefined,
  };
}

/**
 * The form fields of the DaemonSet wizard (`ui:field: DaemonSetClusterPicker`, ...), one
 * `FormFieldBlueprint` per entry of `daemonSetFieldExtensions`. Extension ids:
 * `scaffolder-form-field:scaffolder/daemonset-cluster-picker`, ...
 *
 * @alpha
 */
export const daemonSetFormFields = daemonSetFieldExtensions.map(options =>
  FormFieldBlueprint.make({
    name: extensionName(options.name),
    params: {
      field: async () =>
        createFormField({
          name: options.name,
          component: options.component,
          validation: options.validation,
          schema: toFieldSchema(options.schema),
        }),
    },
  }),
);

/**
 * A module of the scaffolder plugin that adds the DaemonSet wizard's form fields; add it to the
 * app's `features` (module discovery only picks up a package's default export).
 *
 * @alpha
 */
export const daemonSetScaffolderModule = createFrontendModule({
  pluginId: 'scaffolder',
  extensions: daemonSetFormFields,
});
