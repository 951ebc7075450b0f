import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { getComponentData } from '@backstage/core-plugin-api';
import {
  FieldExtensionOptions,
  ScaffolderFieldExtensions,
  useCustomFieldExtensions,
} from '@backstage/plugin-scaffolder-react';
import {
  DaemonSetClusterPickerFieldExtension,
  DaemonSetConfigMapPickerFieldExtension,
  DaemonSetFieldExtensionComponents,
  DaemonSetNamespacePickerFieldExtension,
  DaemonSetPlacementPreviewFieldExtension,
  DaemonSetSecretPickerFieldExtension,
} from './classic';
import { daemonSetFieldExtensions } from './fieldExtensions';
import { daemonSetPlugin } from '../plugin';

describe('field extensions for the classic frontend system', () => {
  it('provides one component per entry of the shared list, in the same order', () => {
    expect(DaemonSetFieldExtensionComponents.map(c => c.name)).toEqual(
      daemonSetFieldExtensions.map(o => o.name),
    );
    expect(
      DaemonSetFieldExtensionComponents.find(
        c => c.name === 'DaemonSetClusterPicker',
      )?.FieldExtension,
    ).toBe(DaemonSetClusterPickerFieldExtension);
  });

  it('registers each through the DaemonSet plugin, so its API comes along', () => {
    const element = <DaemonSetNamespacePickerFieldExtension />;
    expect(getComponentData(element, 'core.plugin')).toBe(daemonSetPlugin);
  });

  it('is found by the scaffolder inside <ScaffolderFieldExtensions>', async () => {
    const outlet = (
      <ScaffolderFieldExtensions>
        <DaemonSetClusterPickerFieldExtension />
        <DaemonSetNamespacePickerFieldExtension />
        <DaemonSetSecretPickerFieldExtension />
        <DaemonSetConfigMapPickerFieldExtension />
        <DaemonSetPlacementPreviewFieldExtension />
      </ScaffolderFieldExtensions>
    );
    function Names() {
      const found = useCustomFieldExtensions<FieldExtensionOptions>(outlet);
      return <p>{found.map(f => f.name).join(',')}</p>;
    }
    await renderInTestApp(<Names />);
    expect(
      screen.getByText(
        'DaemonSetClusterPicker,DaemonSetNamespacePicker,DaemonSetSecretPicker,DaemonSetConfigMapPicker,DaemonSetPlacementPreview',
      ),
    ).toBeInTheDocument();
  });

  it('can register the whole list at once', async () => {
    const outlet = (
      <ScaffolderFieldExtensions>
        {DaemonSetFieldExtensionComponents.map(({ name, FieldExtension }) => (
          <FieldExtension key={name} />
        ))}
      </ScaffolderFieldExtensions>
    );
    function Names() {
      const found = useCustomFieldExtensions<FieldExtensionOptions>(outlet);
      return <p>{found.map(f => f.name).join(',')}</p>;
    }
    await renderInTestApp(<Names />);
    expect(
      screen.getByText(daemonSetFieldExtensions.map(o => o.name).join(',')),
    ).toBeInTheDocument();
  });
});
