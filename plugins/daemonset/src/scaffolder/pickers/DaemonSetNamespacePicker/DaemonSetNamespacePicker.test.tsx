import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TestApiRegistry } from '@backstage/test-utils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { defaultApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { daemonSetApiRef } from '../../../api';
import { FakeDaemonSetApi } from '../../../__testUtils__/fixtures';
import { renderField } from '../../__testUtils__/renderField';
import { DaemonSetNamespacePicker } from './DaemonSetNamespacePicker';
import { daemonSetNamespacePickerValidation } from './validation';

const field = { name: 'namespace', schema: { title: 'Namespace' } };

describe('DaemonSetNamespacePicker', () => {
  it("lists the chosen cluster's namespaces, marking protected ones", async () => {
    const api = new FakeDaemonSetApi();
    renderField(DaemonSetNamespacePicker, {
      api,
      ...field,
      form: { cluster: 'local' },
    });
    await userEvent.click(screen.getByRole('textbox', { name: 'Namespace' }));
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'default',
      'daemonset-demo',
      'kube-systemnot allowed',
      'monitoringneeds platform approval',
    ]);
    expect(api.calls).toContain('listNamespaces local');
  });

  it('writes the chosen namespace and says what the policy decides', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetNamespacePicker, {
      api,
      ...field,
      form: { cluster: 'local' },
    });
    const input = screen.getByRole('textbox', { name: 'Namespace' });
    await userEvent.click(input);
    await userEvent.click(
      await screen.findByRole('option', { name: /^monitoring/ }),
    );
    expect(onChange).toHaveBeenLastCalledWith('monitoring');
    expect(input).toHaveAccessibleDescription(
      'Existing namespace. Protected namespace: needs platform approval.',
    );
  });

  it('takes a new name and says the deploy step does not create it', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetNamespacePicker, {
      api,
      ...field,
      form: { cluster: 'local' },
    });
    const input = screen.getByRole('textbox', { name: 'Namespace' });
    await waitFor(() => expect(api.calls).toContain('listNamespaces local'));
    await userEvent.type(input, 'team-x');
    expect(onChange).toHaveBeenLastCalledWith('team-x');
    expect(input).toHaveAccessibleDescription(
      'New namespace: it does not exist on local yet, and the deploy step (daemonset:apply) does not create namespaces; a cluster admin must create it before deploying, or the deploy step fails.',
    );
  });

  it('marks a new name the policy protects', async () => {
    const api = new FakeDaemonSetApi();
    api.wizard.namespaces = { local: [] };
    renderField(DaemonSetNamespacePicker, {
      api,
      ...field,
      value: 'kube-public',
      form: { cluster: 'local' },
    });
    await waitFor(() =>
      expect(
        screen.getByRole('textbox', { name: 'Namespace' }),
      ).toHaveAccessibleDescription(/Protected namespace: not allowed\.$/),
    );
    expect(screen.getByRole('textbox', { name: 'Namespace' })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('asks for a cluster first', async () => {
    const api = new FakeDaemonSetApi();
    renderField(DaemonSetNamespacePicker, { api, ...field });
    expect(
      screen.getByRole('textbox', { name: 'Namespace' }),
    ).toHaveAccessibleDescription(
      'Choose a cluster first to list its namespaces.',
    );
    expect(api.calls).not.toContain('listNamespaces local');
  });

  it('reads the cluster from the property ui:options.clusterField names', async () => {
    const api = new FakeDaemonSetApi();
    renderField(DaemonSetNamespacePicker, {
      api,
      ...field,
      uiOptions: { clusterField: 'targetCluster' },
      form: { targetCluster: 'local' },
    });
    await waitFor(() => expect(api.calls).toContain('listNamespaces local'));
  });
});

describe('daemonSetNamespacePickerValidation', () => {
  async function validate(api: FakeDaemonSetApi, value: string) {
    const validation = createFieldValidation();
    await daemonSetNamespacePickerValidation(value, validation, {
      apiHolder: TestApiRegistry.from([daemonSetApiRef, api]),
      formData: { cluster: 'local', namespace: value },
      schema: {},
    });
    return validation.__errors;
  }

  it('names the DNS-1123 label rule', async () => {
    expect(await validate(new FakeDaemonSetApi(), 'Team_X')).toEqual([
      "Namespace 'Team_X' must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters",
    ]);
    expect(await validate(new FakeDaemonSetApi(), 'a'.repeat(64))).toHaveLength(
      1,
    );
  });

  it('rejects a namespace the approval policy denies', async () => {
    expect(await validate(new FakeDaemonSetApi(), 'kube-system')).toEqual([
      "Namespace 'kube-system' is protected: the approval policy does not allow DaemonSets in it (protectedNamespaces: kube-system, kube-public, kube-node-lease)",
    ]);
  });

  it('lets a namespace that needs approval and a new one pass', async () => {
    const api = new FakeDaemonSetApi();
    api.wizard.policy = {
      ...defaultApprovalPolicy,
      protectedNamespaces: {
        decision: 'requireApproval',
        namespaces: ['monitoring'],
      },
    };
    expect(await validate(api, 'monitoring')).toEqual([]);
    expect(await validate(api, 'team-x')).toEqual([]);
  });

  it('checks only the format when the policy cannot be read', async () => {
    const api = new FakeDaemonSetApi();
    api.wizard.policy = new Error('backend down');
    expect(await validate(api, 'kube-system')).toEqual([]);
    expect(await validate(api, '-bad')).toHaveLength(1);
  });
});
