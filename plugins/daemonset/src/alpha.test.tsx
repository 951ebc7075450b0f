import { screen } from '@testing-library/react';
import useAsync from 'react-use/esm/useAsync';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  appTreeApiRef,
  coreExtensionData,
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  FormField,
  FormFieldBlueprint,
  formFieldsApiRef,
} from '@backstage/plugin-scaffolder-react/alpha';
import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import plugin, {
  daemonSetFormFields,
  daemonSetScaffolderModule,
} from './alpha';
import { daemonSetApiRef } from './api';
import { daemonSetFieldExtensions } from './scaffolder';
import {
  FakeDaemonSetApi,
  entity,
  entityWithoutAnnotation,
  makeApprovalRequest,
  makeCluster,
  makeReport,
  makeRow,
  makeStatus,
} from './__testUtils__/fixtures';

describe('daemonset plugin (new frontend system)', () => {
  it('provides the entity content tab, which renders the live node table', async () => {
    const api = new FakeDaemonSetApi(
      makeStatus([
        makeCluster('prod', [makeReport([makeRow(1), makeRow(2, 'failing')])]),
      ]),
    );
    const extension = plugin.getExtension('entity-content:daemonset');
    const tester = createExtensionTester(extension);

    renderInTestApp(
      <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
      { apis: [[daemonSetApiRef, api]] },
    );

    expect(
      await screen.findByTestId('daemonset-tab-content'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('row', { name: /^node-2: Failing/ }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('daemonset-live-indicator')).toHaveTextContent(
      'Live',
    );
  });

  it('provides the Approvals page at /daemonset-approvals, listing the requests', async () => {
    const api = new FakeDaemonSetApi();
    api.approvals = [makeApprovalRequest({ name: 'privileged-agent' })];
    const extension = plugin.getExtension('page:daemonset/approvals');
    const tester = createExtensionTester(extension);
    expect(tester.get(coreExtensionData.routePath)).toBe(
      '/daemonset-approvals',
    );

    renderInTestApp(tester.reactElement(), {
      apis: [[daemonSetApiRef, api]],
    });

    expect(
      await screen.findByRole(
        'link',
        { name: 'ops/privileged-agent' },
        { timeout: 20000 },
      ),
    ).toBeInTheDocument();
  });

  it('registers the entity content tab at the path daemonset, titled DaemonSet, on annotated entities only', () => {
    const extension = plugin.getExtension('entity-content:daemonset');
    const tester = createExtensionTester(extension);
    expect(tester.snapshot()).toMatchObject({ id: 'entity-content:daemonset' });
    expect(tester.get(coreExtensionData.routePath)).toBe('daemonset');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe('DaemonSet');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(entity)).toBe(true);
    expect(filter(entityWithoutAnnotation)).toBe(false);
  });

  it('provides the DaemonSet API, made from discovery and fetch', () => {
    const extension = plugin.getExtension('api:daemonset');
    const factory = createExtensionTester(extension).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(daemonSetApiRef);
    expect(Object.values(factory.deps)).toEqual(
      expect.arrayContaining([discoveryApiRef, fetchApiRef]),
    );
  });
});

/** The loaded form field's options: `createFormField` keeps them on the opaque FormField. */
function optionsOf(field: FormField): FieldExtensionOptions<any, any> {
  return field as unknown as FieldExtensionOptions<any, any>;
}

const PICKERS = [
  'DaemonSetClusterPicker',
  'DaemonSetNamespacePicker',
  'DaemonSetSecretPicker',
  'DaemonSetConfigMapPicker',
  'DaemonSetPlacementPreview',
];

describe('daemonSetScaffolderModule (new frontend system)', () => {
  it('makes one form field per entry of the shared list, with its component and validation', async () => {
    expect(daemonSetFormFields).toHaveLength(daemonSetFieldExtensions.length);
    const loaded = await Promise.all(
      daemonSetFormFields.map(extension =>
        createExtensionTester(extension).get(
          FormFieldBlueprint.dataRefs.formFieldLoader,
        )(),
      ),
    );
    loaded.forEach((field, index) => {
      const expected = daemonSetFieldExtensions[index];
      expect(optionsOf(field)).toMatchObject({
        name: expected.name,
        component: expected.component,
        validation: expected.validation,
      });
      // The new system's form field takes the whole FieldSchema; its `schema` is the JSON one.
      const fieldSchema = optionsOf(field).schema as
        | { schema?: unknown }
        | undefined;
      expect(fieldSchema?.schema).toEqual(expected.schema);
    });
    expect(loaded.map(f => optionsOf(f).name)).toEqual(
      expect.arrayContaining(PICKERS),
    );
  });

  it('names the extensions after the fields', () => {
    const snapshot = createExtensionTester(daemonSetFormFields[0]).snapshot();
    expect(snapshot).toMatchObject({
      id: 'scaffolder-form-field:daemonset-cluster-picker',
      outputs: ['scaffolder.form-field-loader'],
    });
    expect(
      createExtensionTester(daemonSetFormFields[4]).snapshot(),
    ).toMatchObject({
      id: 'scaffolder-form-field:daemonset-placement-preview',
    });
  });

  it("adds the fields to the scaffolder plugin's form fields in an app", async () => {
    function FormFieldNames() {
      const formFieldsApi = useApi(formFieldsApiRef);
      const { tree } = useApi(appTreeApiRef).getTree();
      const { value } = useAsync(() => formFieldsApi.loadFormFields(), []);
      const ids = [...tree.nodes.keys()].filter(id =>
        id.startsWith('scaffolder-form-field:scaffolder/daemonset-'),
      );
      return (
        <ul aria-label="form fields" data-ids={ids.sort().join(',')}>
          {value?.map(field => (
            <li key={optionsOf(field).name}>{optionsOf(field).name}</li>
          ))}
        </ul>
      );
    }
    renderInTestApp(<FormFieldNames />, {
      features: [scaffolderPlugin, daemonSetScaffolderModule],
    });
    for (const name of PICKERS) {
      expect(await screen.findByText(name)).toBeInTheDocument();
    }
    expect(
      screen.getByRole('list', { name: 'form fields' }).dataset.ids?.split(','),
    ).toEqual(
      expect.arrayContaining([
        'scaffolder-form-field:scaffolder/daemonset-cluster-picker',
        'scaffolder-form-field:scaffolder/daemonset-namespace-picker',
        'scaffolder-form-field:scaffolder/daemonset-secret-picker',
        'scaffolder-form-field:scaffolder/daemonset-config-map-picker',
        'scaffolder-form-field:scaffolder/daemonset-placement-preview',
      ]),
    );
  });
});
