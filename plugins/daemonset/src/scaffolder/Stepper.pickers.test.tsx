import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { daemonSetApiRef } from '../api';
import {
  FakeDaemonSetApi,
  makePlacement,
  makeWizardCluster,
} from '../__testUtils__/fixtures';
import { daemonSetFieldExtensions } from './fieldExtensions';

jest.setTimeout(60_000);

const manifest = {
  title: 'Create a DaemonSet',
  steps: [
    {
      title: 'Basic information',
      schema: {
        type: 'object',
        required: ['cluster', 'namespace'],
        properties: {
          cluster: {
            type: 'string',
            title: 'Cluster',
            'ui:field': 'DaemonSetClusterPicker',
          },
          namespace: {
            type: 'string',
            title: 'Namespace',
            'ui:field': 'DaemonSetNamespacePicker',
          },
        },
      },
    },
    {
      title: 'Access',
      schema: {
        type: 'object',
        properties: {
          imagePullSecrets: {
            type: 'array',
            title: 'Image pull Secrets',
            items: {
              type: 'string',
              title: 'Pull Secret',
              'ui:field': 'DaemonSetSecretPicker',
              'ui:options': {
                secretTypes: ['kubernetes.io/dockerconfigjson'],
              },
            },
          },
          token: {
            type: 'object',
            title: 'Token from Secret',
            'ui:field': 'DaemonSetSecretPicker',
            properties: {
              name: { type: 'string' },
              key: { type: 'string' },
            },
          },
          placementPreview: {
            type: 'null',
            title: 'Placement preview',
            'ui:field': 'DaemonSetPlacementPreview',
            'ui:backstage': { review: { show: false } },
          },
        },
      },
    },
  ],
};

describe('the DaemonSet pickers in the scaffolder Stepper', () => {
  it('validates on Next, reads earlier answers and writes their shapes', async () => {
    const api = new FakeDaemonSetApi();
    api.wizard.clusters = [
      makeWizardCluster('local'),
      makeWizardCluster('edge', { state: 'failed', message: 'timeout' }),
    ];
    const onCreate = jest.fn(async () => {});
    await renderInTestApp(
      <TestApiProvider apis={[[daemonSetApiRef, api]]}>
        <Stepper
          manifest={manifest as any}
          extensions={[...daemonSetFieldExtensions]}
          onCreate={onCreate}
          initialState={{ cluster: 'locl', namespace: 'kube-system' }}
        />
      </TestApiProvider>,
    );

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByText(
        "Cluster 'locl' is not configured in the portal; known: local, edge",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^Namespace 'kube-system' is protected/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('textbox', { name: /^Cluster/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: /^local/ }),
    );
    const namespace = screen.getByRole('textbox', { name: /^Namespace/ });
    await userEvent.clear(namespace);
    await userEvent.click(
      await screen.findByRole('option', { name: 'daemonset-demo' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    // The Access page: the pickers list the objects of local/daemonset-demo.
    await userEvent.click(
      await screen.findByRole('button', { name: 'Add Item' }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'Pull Secret' }));
    await userEvent.click(
      await screen.findByRole('option', { name: /^registry-creds/ }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'Secret name' }));
    await userEvent.click(
      await screen.findByRole('option', { name: /^agent-token/ }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'Key' }));
    await userEvent.click(await screen.findByRole('option', { name: 'token' }));

    await waitFor(() => expect(api.placementCalls.length).toBeGreaterThan(0));
    const last = api.placementCalls[api.placementCalls.length - 1];
    expect(last.cluster).toBe('local');
    last.resolve(makePlacement());
    expect(
      await screen.findByRole('status', { name: 'Placement preview' }),
    ).toHaveTextContent('Will run on 18 of 30 nodes');

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() => expect(onCreate).toHaveBeenCalled());
    const sent = JSON.parse(
      JSON.stringify((onCreate.mock.calls[0] as any[])[0]),
    );
    expect(sent).toEqual({
      cluster: 'local',
      namespace: 'daemonset-demo',
      imagePullSecrets: ['registry-creds'],
      token: { name: 'agent-token', key: 'token' },
    });
  });
});
