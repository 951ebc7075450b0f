import { screen, waitFor } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import type { RJSFSchema } from '@rjsf/utils';
import { daemonSetApiRef } from '../../api';
import { policyApi } from './__testUtils__/apis';
import { SectionForm } from './__testUtils__/SectionForm';
import { editDiff } from './editDiffLines';
import {
  DaemonSetInput,
  defaultApprovalPolicy,
} from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';

jest.setTimeout(30_000);

const schema: RJSFSchema = {
  type: 'object',
  properties: { review: { type: 'null', title: 'Review' } },
};
const uiSchema = { review: { 'ui:field': 'DaemonSetReview' } };

const input = (tag: string, extra: object = {}) => ({
  name: 'node-agent',
  cluster: 'local',
  namespace: 'monitoring',
  owner: 'group:default/team-a',
  containers: [
    {
      name: 'agent',
      image: 'ghcr.io/acme/agent',
      tag,
      resources: { requests: { cpu: '250m', memory: '128Mi' } },
    },
  ],
  ...extra,
});

/** The pod template of `tag` as the cluster returns it: with what it adds (defaults, hash label). */
function liveTemplateOf(tag: string): any {
  const built = buildDaemonSetManifests(
    input(tag) as DaemonSetInput,
    defaultApprovalPolicy,
  );
  const template = structuredClone((built.objects[0] as any).spec.template);
  template.metadata.labels['controller-revision-hash'] = '6d4cf56db6';
  template.spec.schedulerName = 'default-scheduler';
  template.spec.containers[0].imagePullPolicy = 'IfNotPresent';
  return template;
}
const liveTemplate = liveTemplateOf('1.0');

function lifecycleFetch() {
  const fetch = jest.fn(async (_url: string) => ({
    ok: true,
    json: async () => ({
      cluster: 'local',
      namespace: 'monitoring',
      name: 'node-agent',
      baseRevision: 4,
      template: liveTemplate,
    }),
  }));
  return { fetch };
}

async function renderEdit(
  formData: Record<string, unknown>,
  fetchApi = lifecycleFetch(),
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [daemonSetApiRef, policyApi()],
        [
          discoveryApiRef,
          { getBaseUrl: async () => 'http://backend/api/daemonset' },
        ],
        [fetchApiRef, fetchApi as unknown as FetchApi],
      ]}
    >
      <SectionForm
        schema={schema}
        uiSchema={uiSchema}
        initial={formData}
        onData={jest.fn()}
      />
    </TestApiProvider>,
  );
  return fetchApi;
}

describe('the review of an edit', () => {
  it('shows the change against what runs, without what the cluster adds', async () => {
    const fetchApi = await renderEdit({
      ...input('2.0', {
        scheduling: {
          tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
        },
      }),
      baseRevision: 4,
    });
    const diff = await screen.findByTestId('edit-diff');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      'http://backend/api/daemonset/entity/default/component/node-agent.monitoring.local/lifecycle',
      undefined,
    );
    const lines = diff.textContent!;
    expect(diff).toHaveTextContent('- image: ghcr.io/acme/agent:1.0');
    expect(diff).toHaveTextContent('+ image: ghcr.io/acme/agent:2.0');
    expect(diff).toHaveTextContent('+ - key: nvidia.com/gpu');
    expect(lines).not.toContain('controller-revision-hash');
    expect(lines).not.toContain('schedulerName');
    expect(
      screen.getByRole('heading', { name: 'Changes to what runs' }),
    ).toBeInTheDocument();
  });

  it('says so when the edit changes nothing in the pod template', async () => {
    await renderEdit({ ...input('1.0'), baseRevision: 4 });
    expect(await screen.findByTestId('edit-diff-none')).toHaveTextContent(
      'The edit changes nothing in the pod template that runs now.',
    );
    expect(screen.queryByTestId('edit-diff')).not.toBeInTheDocument();
  });

  it('says when what runs cannot be read, and still shows the manifests', async () => {
    await renderEdit({ ...input('2.0'), baseRevision: 4 }, {
      fetch: jest.fn(async () => {
        throw new Error('connection refused');
      }),
    } as any);
    expect(await screen.findByTestId('edit-diff-error')).toHaveTextContent(
      'connection refused',
    );
    expect(screen.getByTestId('daemonset-review-yaml')).toBeInTheDocument();
  });

  it('shows no diff on a creation (no baseRevision) and asks the backend nothing', async () => {
    const fetchApi = await renderEdit(input('2.0'));
    await screen.findByTestId('daemonset-review-yaml');
    await waitFor(() =>
      expect(screen.queryByTestId('edit-diff')).not.toBeInTheDocument(),
    );
    expect(fetchApi.fetch).not.toHaveBeenCalled();
  });
});

describe('editDiff', () => {
  it('compares only the DaemonSet pod template, the live one reduced to what the edit sets', () => {
    const manifest = [
      '---',
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata: { name: node-agent }',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: agent',
      '          image: ghcr.io/acme/agent:2.0',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata: { name: svc }',
      'spec: { ports: [{ port: 80 }] }',
    ].join('\n');
    const lines = editDiff(manifest, liveTemplate);
    expect(lines.filter(l => l.kind !== 'same')).toEqual([
      { kind: 'removed', text: '      image: ghcr.io/acme/agent:1.0' },
      { kind: 'added', text: '      image: ghcr.io/acme/agent:2.0' },
    ]);
  });
});
