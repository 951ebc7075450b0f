import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiRegistry } from '@backstage/test-utils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { daemonSetApiRef } from '../../../api';
import {
  FakeDaemonSetApi,
  makeWizardCluster,
} from '../../../__testUtils__/fixtures';
import { renderField } from '../../__testUtils__/renderField';
import { DaemonSetClusterPicker } from './DaemonSetClusterPicker';
import { daemonSetClusterPickerValidation } from './validation';

function twoClusters(api: FakeDaemonSetApi) {
  api.wizard.clusters = [
    makeWizardCluster('local', {}, 'Local cluster'),
    makeWizardCluster('edge', {
      state: 'failed',
      message: 'connect ECONNREFUSED 10.0.0.7:6443',
    }),
  ];
}

describe('DaemonSetClusterPicker', () => {
  it('lists the configured clusters with their connection state', async () => {
    const api = new FakeDaemonSetApi();
    twoClusters(api);
    renderField(DaemonSetClusterPicker, {
      api,
      name: 'cluster',
      schema: { title: 'Cluster' },
    });
    await userEvent.click(screen.getByRole('textbox', { name: 'Cluster' }));
    const options = await screen.findAllByRole('option');
    expect(options).toHaveLength(2);
    expect(options[0]).toHaveTextContent('Local cluster (local)connected');
    expect(options[1]).toHaveTextContent(
      'edgeunreachable: connect ECONNREFUSED 10.0.0.7:6443',
    );
  });

  it('writes the chosen cluster name and shows its state', async () => {
    const api = new FakeDaemonSetApi();
    twoClusters(api);
    const { onChange } = renderField(DaemonSetClusterPicker, {
      api,
      name: 'cluster',
      schema: { title: 'Cluster' },
    });
    const input = screen.getByRole('textbox', { name: 'Cluster' });
    await userEvent.click(input);
    await userEvent.click(await screen.findByRole('option', { name: /^edge/ }));
    expect(onChange).toHaveBeenLastCalledWith('edge');
    expect(input).toHaveAccessibleDescription(
      'edge: unreachable: connect ECONNREFUSED 10.0.0.7:6443',
    );
  });

  it('preselects the only configured cluster when the field is empty', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetClusterPicker, {
      api,
      name: 'cluster',
    });
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('local'));
    expect(
      screen.getByRole('textbox', { name: 'Cluster' }),
    ).toHaveAccessibleDescription('Local cluster: connected');
  });

  it('chooses nothing among several clusters', async () => {
    const api = new FakeDaemonSetApi();
    twoClusters(api);
    const { onChange } = renderField(DaemonSetClusterPicker, {
      api,
      name: 'cluster',
    });
    await userEvent.click(screen.getByRole('textbox', { name: 'Cluster' }));
    expect(await screen.findAllByRole('option')).toHaveLength(2);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('keeps a value that is not configured, marked as such', async () => {
    const { onChange } = renderField(DaemonSetClusterPicker, {
      api: new FakeDaemonSetApi(),
      name: 'cluster',
      value: 'locl',
    });
    await waitFor(() =>
      expect(
        screen.getByRole('textbox', { name: 'Cluster' }),
      ).toHaveAccessibleDescription("'locl' is not configured in the portal"),
    );
    expect(onChange).not.toHaveBeenCalled();
  });

  it('falls back to free text when the clusters cannot be listed', async () => {
    const api = new FakeDaemonSetApi();
    api.wizard.clusters = new Error('403 Forbidden');
    renderField(DaemonSetClusterPicker, { api, name: 'cluster' });
    await waitFor(() =>
      expect(
        screen.getByRole('textbox', { name: 'Cluster' }),
      ).toHaveAccessibleDescription(
        'Could not list the clusters: 403 Forbidden. Type a cluster name.',
      ),
    );
  });
});

describe('daemonSetClusterPickerValidation', () => {
  async function validate(api: FakeDaemonSetApi | undefined, value: string) {
    const validation = createFieldValidation();
    await daemonSetClusterPickerValidation(value, validation, {
      apiHolder: api
        ? TestApiRegistry.from([daemonSetApiRef, api])
        : TestApiRegistry.from(),
      formData: { cluster: value },
      schema: {},
    });
    return validation.__errors;
  }

  it('rejects a cluster that is not configured, naming the known ones', async () => {
    expect(await validate(new FakeDaemonSetApi(), 'locl')).toEqual([
      "Cluster 'locl' is not configured in the portal; known: local",
    ]);
  });

  it('accepts a configured cluster, also an unreachable one', async () => {
    const api = new FakeDaemonSetApi();
    twoClusters(api);
    expect(await validate(api, 'local')).toEqual([]);
    expect(await validate(api, 'edge')).toEqual([]);
  });

  it('leaves the check to the deploy step when the clusters cannot be listed', async () => {
    const api = new FakeDaemonSetApi();
    api.wizard.clusters = new Error('backend down');
    expect(await validate(api, 'locl')).toEqual([]);
    expect(await validate(undefined, 'locl')).toEqual([]);
  });
});
