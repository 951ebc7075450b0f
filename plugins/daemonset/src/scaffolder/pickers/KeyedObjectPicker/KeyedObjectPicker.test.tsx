import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FakeDaemonSetApi } from '../../../__testUtils__/fixtures';
import { renderField } from '../../__testUtils__/renderField';
import { DaemonSetSecretPicker } from '../DaemonSetSecretPicker';
import { DaemonSetConfigMapPicker } from '../DaemonSetConfigMapPicker';

const target = { cluster: 'local', namespace: 'daemonset-demo' };

describe('DaemonSetSecretPicker on a string field', () => {
  it('lists the Secrets of the chosen namespace and writes a name', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetSecretPicker, {
      api,
      name: 'secretName',
      schema: { title: 'Secret' },
      form: target,
    });
    const input = screen.getByRole('textbox', { name: 'Secret' });
    await userEvent.click(input);
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'agent-tokenOpaque, 2 keys',
      'registry-credskubernetes.io/dockerconfigjson, 1 key',
    ]);
    expect(api.calls).toContain('listSecrets local/daemonset-demo');
    await userEvent.click(options[0]);
    expect(onChange).toHaveBeenLastCalledWith('agent-token');
    expect(input).toHaveAccessibleDescription(
      'Secret agent-token: Opaque, 2 keys',
    );
  });

  it('lists only the types of ui:options.secretTypes', async () => {
    const api = new FakeDaemonSetApi();
    renderField(DaemonSetSecretPicker, {
      api,
      name: 'pullSecret',
      schema: { title: 'Image pull Secret' },
      uiOptions: { secretTypes: ['kubernetes.io/dockerconfigjson'] },
      form: target,
    });
    const input = screen.getByRole('textbox', { name: 'Image pull Secret' });
    await userEvent.click(input);
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'registry-credskubernetes.io/dockerconfigjson, 1 key',
    ]);
  });

  it('takes the name of a Secret that does not exist yet, and says so', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetSecretPicker, {
      api,
      name: 'secretName',
      schema: { title: 'Secret' },
      form: target,
    });
    await waitFor(() =>
      expect(api.calls).toContain('listSecrets local/daemonset-demo'),
    );
    const input = screen.getByRole('textbox', { name: 'Secret' });
    await userEvent.type(input, 'new-token');
    expect(onChange).toHaveBeenLastCalledWith('new-token');
    expect(input).toHaveAccessibleDescription(
      "No Secret 'new-token' in daemonset-demo yet: create it before deploying (the deploy step does not create Secrets; pods that need a missing Secret do not start unless it is marked optional).",
    );
  });

  it('asks for a cluster and a namespace before listing', async () => {
    const api = new FakeDaemonSetApi();
    renderField(DaemonSetSecretPicker, {
      api,
      name: 'secretName',
      schema: { title: 'Secret' },
      form: { cluster: 'local' },
    });
    expect(
      screen.getByRole('textbox', { name: 'Secret' }),
    ).toHaveAccessibleDescription(
      'Choose a cluster and a namespace first to list their Secrets; a name may be typed.',
    );
    expect(api.calls.filter(c => c.startsWith('listSecrets'))).toEqual([]);
  });
});

describe('key references on an object field', () => {
  it('picks a Secret, then one of its keys, and writes { name, key }', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetSecretPicker, {
      api,
      name: 'secretKeyRef',
      schema: { type: 'object', title: 'From Secret' },
      value: { optional: true },
      form: target,
    });
    const group = screen.getByRole('group', { name: 'From Secret' });
    await userEvent.click(
      within(group).getByRole('textbox', { name: 'Secret name' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /^agent-token/ }),
    );
    expect(onChange).toHaveBeenLastCalledWith({
      optional: true,
      name: 'agent-token',
    });

    await userEvent.click(within(group).getByRole('textbox', { name: 'Key' }));
    const keys = await screen.findAllByRole('option');
    expect(keys.map(k => k.textContent)).toEqual(['password', 'token']);
    await userEvent.click(keys[1]);
    expect(onChange).toHaveBeenLastCalledWith({
      optional: true,
      name: 'agent-token',
      key: 'token',
    });
  });

  it('picks a ConfigMap key, and says when a typed key is not in it', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetConfigMapPicker, {
      api,
      name: 'configMapKeyRef',
      schema: { type: 'object', title: 'From ConfigMap' },
      value: { name: 'agent-config' },
      form: target,
    });
    await waitFor(() =>
      expect(api.calls).toContain('listConfigMaps local/daemonset-demo'),
    );
    const key = screen.getByRole('textbox', { name: 'Key' });
    await userEvent.click(key);
    await userEvent.click(await screen.findByRole('option', { name: 'level' }));
    expect(onChange).toHaveBeenLastCalledWith({
      name: 'agent-config',
      key: 'level',
    });
    await userEvent.clear(key);
    await userEvent.type(key, 'missing');
    expect(onChange).toHaveBeenLastCalledWith({
      name: 'agent-config',
      key: 'missing',
    });
    expect(key).toHaveAccessibleDescription(
      "ConfigMap agent-config has no key 'missing' (keys: agent.yaml, level).",
    );
  });

  it('writes nothing once name and key are cleared', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetConfigMapPicker, {
      api,
      name: 'configMapKeyRef',
      schema: { type: 'object', title: 'From ConfigMap' },
      value: { name: 'x', key: 'y' },
      form: target,
    });
    await userEvent.clear(screen.getByRole('textbox', { name: 'Key' }));
    await userEvent.clear(
      screen.getByRole('textbox', { name: 'ConfigMap name' }),
    );
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });
});

describe('DaemonSetConfigMapPicker on a string field', () => {
  it('lists the ConfigMaps and writes a name', async () => {
    const api = new FakeDaemonSetApi();
    const { onChange } = renderField(DaemonSetConfigMapPicker, {
      api,
      name: 'name',
      schema: { title: 'ConfigMap' },
      form: target,
    });
    await userEvent.click(screen.getByRole('textbox', { name: 'ConfigMap' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'agent-config 2 keys' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('agent-config');
  });
});
