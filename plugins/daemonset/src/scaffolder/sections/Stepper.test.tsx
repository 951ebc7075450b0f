import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { daemonSetApiRef } from '../../api';
import { policyApi } from './__testUtils__/apis';
import { sectionFieldExtensions } from './index';

jest.setTimeout(60_000);

const section = (options: Record<string, unknown>) => ({
  'ui:field': 'DaemonSetSection',
  'ui:options': options,
});

const manifest = {
  title: 'Create a DaemonSet',
  steps: [
    {
      title: 'Containers',
      schema: {
        type: 'object',
        required: ['containers'],
        properties: {
          containers: {
            type: 'array',
            title: 'Containers',
            minItems: 1,
            ...section({ validate: true, property: 'containers' }),
            items: {
              type: 'object',
              required: ['name', 'image'],
              properties: {
                name: { type: 'string', title: 'Container name' },
                image: { type: 'string', title: 'Image' },
                tag: { type: 'string', title: 'Image version (tag)' },
                livenessProbe: {
                  type: 'object',
                  title: 'Liveness probe',
                  ...section({ optional: true }),
                  properties: {
                    httpGet: {
                      type: 'object',
                      title: 'HTTP check',
                      properties: {
                        path: { type: 'string', title: 'Path' },
                        port: { type: 'integer', title: 'Port' },
                      },
                    },
                    periodSeconds: {
                      type: 'integer',
                      title: 'Period (s)',
                      default: 10,
                    },
                  },
                },
              },
            },
          },
        },
      },
    },
    {
      title: 'Review',
      schema: {
        type: 'object',
        properties: {
          review: {
            type: 'null',
            title: 'Review',
            'ui:field': 'DaemonSetReview',
            'ui:backstage': { review: { show: false } },
          },
        },
      },
    },
  ],
};

function imageInput(): HTMLElement {
  return document.getElementById('root_containers_0_image')!;
}

function fieldOf(input: HTMLElement): HTMLElement {
  return input.closest('.form-group') as HTMLElement;
}

describe('the sections in the scaffolder Stepper', () => {
  it('shows a bad image at its field, stays on the page, then reviews and creates', async () => {
    const onCreate = jest.fn(async () => {});
    await renderInTestApp(
      <TestApiProvider apis={[[daemonSetApiRef, policyApi()]]}>
        <Stepper
          manifest={manifest as any}
          extensions={sectionFieldExtensions}
          onCreate={onCreate}
          initialState={{
            name: 'agent',
            containers: [{ name: 'agent', image: 'Bad Image!!' }],
          }}
        />
      </TestApiProvider>,
    );

    const image = imageInput();
    expect(image).toHaveValue('Bad Image!!');
    // The optional probe is off: nothing of it is shown.
    expect(
      screen.getByRole('switch', { name: 'Liveness probe' }),
    ).not.toBeChecked();
    expect(screen.queryByLabelText('Period (s)')).not.toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(
        within(fieldOf(imageInput())).getByText(/^must be an image reference/),
      ).toBeInTheDocument(),
    );
    // Still on the containers page.
    expect(screen.getByRole('button', { name: 'Next' })).toBeInTheDocument();
    expect(
      screen.queryByRole('heading', { name: 'Summary' }),
    ).not.toBeInTheDocument();

    // A cleared text field inside an item (rjsf sets it to undefined) must not break the
    // Stepper's validation on the next pages.
    const tag = document.getElementById('root_containers_0_tag')!;
    await userEvent.type(tag, 'x');
    await userEvent.clear(tag);

    await userEvent.clear(imageInput());
    await userEvent.type(imageInput(), 'ghcr.io/acme/agent');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    expect(
      await screen.findByRole('heading', { name: 'Summary' }),
    ).toBeInTheDocument();
    const yaml = await screen.findByTestId('daemonset-review-yaml');
    await waitFor(() => expect(yaml).toHaveTextContent('kind: DaemonSet'));
    expect(yaml).toHaveTextContent('image: ghcr.io/acme/agent');
    expect(screen.getByText(/No approval needed/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() => expect(onCreate).toHaveBeenCalled());
    const sent = JSON.parse(
      JSON.stringify((onCreate.mock.calls[0] as any[])[0]),
    );
    // The untouched probe arrives empty (the generator drops it), never with its default.
    expect(sent.containers).toEqual([
      { name: 'agent', image: 'ghcr.io/acme/agent', livenessProbe: {} },
    ]);
  });

  it('keeps the review page while a problem outside the sections remains', async () => {
    const onCreate = jest.fn(async () => {});
    await renderInTestApp(
      <TestApiProvider apis={[[daemonSetApiRef, policyApi()]]}>
        <Stepper
          manifest={manifest as any}
          extensions={sectionFieldExtensions}
          onCreate={onCreate}
          initialState={{
            name: 'agent',
            namespace: 'kube-system',
            containers: [{ name: 'agent', image: 'ghcr.io/acme/agent' }],
          }}
        />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    const problems = await screen.findByTestId('daemonset-review-problems');
    expect(problems).toHaveTextContent(/Namespace \(namespace\): /);

    // No error at the field until Review is pressed; then one per problem, and no advance.
    expect(
      screen.queryByText(/^Namespace \(namespace\): /),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(
      await screen.findByText(/^Namespace \(namespace\): /),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Summary' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Create' }),
    ).not.toBeInTheDocument();
  });
});
