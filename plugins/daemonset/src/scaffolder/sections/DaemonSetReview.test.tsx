import { screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import type { RJSFSchema } from '@rjsf/utils';
import { daemonSetApiRef } from '../../api';
import { apiHolderWith, policyApi } from './__testUtils__/apis';
import { SectionForm } from './__testUtils__/SectionForm';
import { validateReview } from './review';

jest.setTimeout(30_000);

const schema: RJSFSchema = {
  type: 'object',
  properties: { review: { type: 'null', title: 'Review' } },
};
const uiSchema = { review: { 'ui:field': 'DaemonSetReview' } };

function input(container: Record<string, unknown> = {}) {
  return {
    name: 'node-agent',
    cluster: 'local',
    namespace: 'monitoring',
    owner: 'group:default/team-a',
    containers: [
      {
        name: 'agent',
        image: 'ghcr.io/acme/agent',
        tag: '1.0',
        resources: { requests: { cpu: '250m', memory: '128Mi' } },
        env: [],
        livenessProbe: { periodSeconds: undefined },
        ...container,
      },
    ],
    services: [
      { name: 'agent-metrics', type: 'ClusterIP', ports: [{ port: 9100 }] },
    ],
  };
}

async function renderReview(
  initial: Record<string, unknown>,
  api = policyApi(),
) {
  const onData = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[daemonSetApiRef, api]]}>
      <SectionForm
        schema={schema}
        uiSchema={uiSchema}
        initial={initial}
        onData={onData}
      />
    </TestApiProvider>,
  );
  return onData;
}

describe('DaemonSetReview', () => {
  it('summarises a valid input and shows its manifests', async () => {
    const onData = await renderReview(input());
    expect(
      screen.getByRole('heading', { name: 'Summary' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Manifests' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Approval' }),
    ).toBeInTheDocument();

    const workload = screen.getByLabelText('Workload');
    expect(workload).toHaveTextContent('node-agent');
    expect(workload).toHaveTextContent('local');
    expect(workload).toHaveTextContent('monitoring');
    const agent = screen.getByLabelText('Container agent');
    expect(agent).toHaveTextContent('ghcr.io/acme/agent:1.0');
    expect(agent).toHaveTextContent('CPU 250m, memory 128Mi');
    expect(agent).toHaveTextContent('Optional sectionsnone');
    expect(screen.getByLabelText('Pod')).toHaveTextContent(
      'agent-metrics (ClusterIP, ports 9100)',
    );

    const yaml = await screen.findByTestId('daemonset-review-yaml');
    await waitFor(() => expect(yaml).toHaveTextContent('kind: DaemonSet'));
    expect(yaml).toHaveTextContent('kind: Service');
    expect(yaml).toHaveTextContent('image: ghcr.io/acme/agent:1.0');
    expect(screen.getByText(/No approval needed/)).toBeInTheDocument();
    expect(
      screen.queryByTestId('daemonset-review-approval'),
    ).not.toBeInTheDocument();
    // Its own property gets a value, so the Stepper runs its validation.
    await waitFor(() => expect(onData).toHaveBeenCalled());
    expect(onData.mock.calls[onData.mock.calls.length - 1][0]).toHaveProperty(
      'review',
      null,
    );
  });

  it('lists the approval reasons of a privileged container', async () => {
    await renderReview(input({ privileged: true }));
    const notice = await screen.findByTestId('daemonset-review-approval');
    expect(notice).toHaveTextContent('Needs platform approval because:');
    expect(within(notice).getAllByRole('listitem')[0]).toHaveTextContent(
      /privileged/,
    );
    expect(screen.getByLabelText('Container agent')).toHaveTextContent(
      'Privileged',
    );
    expect(screen.getByTestId('daemonset-review-yaml')).toBeInTheDocument();
  });

  it('lists the problems of an invalid input instead of the manifests', async () => {
    await renderReview(input({ image: 'Bad Image!!' }));
    const problems = await screen.findByTestId('daemonset-review-problems');
    expect(problems).toHaveTextContent(
      /Container 1 \(agent\) › Image \(containers\[0\]\.image\): must be an image reference/,
    );
    expect(
      screen.queryByTestId('daemonset-review-yaml'),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/once the problems above are fixed/),
    ).toBeInTheDocument();
  });

  it('says when it shows the default policy because the backend could not be asked', async () => {
    await renderReview(
      input(),
      policyApi(undefined, new Error('503 Service Unavailable')),
    );
    expect(
      await screen.findByText(
        /approval policy could not be read \(503 Service Unavailable\)/,
      ),
    ).toBeInTheDocument();
    await screen.findByTestId('daemonset-review-yaml');
  });
});

describe('validateReview', () => {
  it('adds one error per problem, with its path, and none for a valid input', async () => {
    const invalid = createFieldValidation();
    await validateReview(null, invalid, {
      apiHolder: apiHolderWith(policyApi()),
      formData: {
        ...input({ image: 'Bad Image!!' }),
        namespace: 'kube-system',
        review: null,
      },
    });
    expect(invalid.__errors).toEqual([
      expect.stringMatching(
        /^Container 1 \(agent\) › Image \(containers\[0\]\.image\): must be an image reference/,
      ),
    ]);

    const denied = createFieldValidation();
    await validateReview(null, denied, {
      apiHolder: apiHolderWith(policyApi()),
      formData: { ...input(), namespace: 'kube-system', review: null },
    });
    expect(denied.__errors).toEqual([
      expect.stringMatching(/^Namespace \(namespace\): /),
    ]);

    const valid = createFieldValidation();
    await validateReview(null, valid, {
      apiHolder: apiHolderWith(policyApi()),
      formData: { ...input(), review: null },
    });
    expect(valid.__errors).toEqual([]);
  });
});
