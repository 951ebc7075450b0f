import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/test-utils';
import type { RJSFSchema } from '@rjsf/utils';
import { SectionForm } from './__testUtils__/SectionForm';
import validator from '@rjsf/validator-ajv8';
import { withoutEmpty } from './isEmptySection';

const dnsSchema: RJSFSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', title: 'Workload name' },
    dns: {
      type: 'object',
      title: 'Custom DNS',
      description: 'Resolver settings of the pods.',
      properties: {
        policy: {
          type: 'string',
          title: 'DNS policy',
          enum: ['append', 'replace', 'inherit'],
          default: 'append',
        },
        nameservers: {
          type: 'array',
          title: 'Nameservers',
          items: { type: 'string' },
        },
      },
    },
  },
};

const section = {
  'ui:field': 'DaemonSetSection',
  'ui:options': { optional: true },
};

jest.setTimeout(30_000);

function lastData(onData: jest.Mock): Record<string, any> {
  return onData.mock.calls[onData.mock.calls.length - 1][0];
}

describe('DaemonSetSection', () => {
  it('is off for an untouched section, sends nothing, and shows the section when on', async () => {
    const onData = jest.fn();
    await renderInTestApp(
      <SectionForm
        schema={dnsSchema}
        uiSchema={{ dns: section }}
        initial={{ name: 'agent' }}
        onData={onData}
      />,
    );
    const toggle = screen.getByRole('switch', { name: 'Custom DNS' });
    expect(toggle).not.toBeChecked();
    expect(
      screen.getByText('Resolver settings of the pods.'),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('DNS policy')).not.toBeInTheDocument();
    // The defaults rjsf put there ({ policy: 'append' }) are cleared.
    await waitFor(() =>
      expect(lastData(onData)).toHaveProperty('dns', undefined),
    );
    expect(JSON.parse(JSON.stringify(lastData(onData)))).toEqual({
      name: 'agent',
    });

    await userEvent.click(toggle);
    expect(toggle).toBeChecked();
    expect(await screen.findByText('Nameservers')).toBeInTheDocument();
    await waitFor(() =>
      expect(lastData(onData).dns).toEqual({
        policy: 'append',
        nameservers: [],
      }),
    );

    await userEvent.click(toggle);
    expect(screen.queryByText('Nameservers')).not.toBeInTheDocument();
    await waitFor(() => expect(lastData(onData).dns).toBeUndefined());
  });

  it('is on when the section holds something the user chose', async () => {
    const onData = jest.fn();
    await renderInTestApp(
      <SectionForm
        schema={dnsSchema}
        uiSchema={{ dns: section }}
        initial={{ dns: { policy: 'replace', nameservers: ['10.0.0.10'] } }}
        onData={onData}
      />,
    );
    expect(screen.getByRole('switch', { name: 'Custom DNS' })).toBeChecked();
    expect(screen.getByDisplayValue('10.0.0.10')).toBeInTheDocument();
  });

  it('renders a section without a switch when it is not optional', async () => {
    await renderInTestApp(
      <SectionForm
        schema={dnsSchema}
        uiSchema={{
          dns: {
            'ui:field': 'DaemonSetSection',
            'ui:options': { validate: true, property: 'dns' },
          },
        }}
        onData={jest.fn()}
      />,
    );
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.getByText('Nameservers')).toBeInTheDocument();
  });

  it('is still the section field when the template names its property and validation', async () => {
    // rjsf reads ui:options.field as the field component; `property` does not collide.
    await renderInTestApp(
      <SectionForm
        schema={dnsSchema}
        uiSchema={{
          dns: {
            'ui:field': 'DaemonSetSection',
            'ui:options': { optional: true, validate: true, property: 'dns' },
          },
        }}
        onData={jest.fn()}
      />,
    );
    expect(
      screen.getByRole('switch', { name: 'Custom DNS' }),
    ).not.toBeChecked();
  });

  describe('inside array items', () => {
    const containersSchema: RJSFSchema = {
      type: 'object',
      properties: {
        containers: {
          type: 'array',
          title: 'Containers',
          items: {
            type: 'object',
            required: ['name', 'image'],
            properties: {
              name: { type: 'string', title: 'Container name' },
              image: { type: 'string', title: 'Image' },
              lifecycle: {
                type: 'object',
                title: 'Lifecycle hooks',
                properties: {
                  postStart: {
                    type: 'object',
                    title: 'Post-start',
                    properties: {
                      exec: {
                        type: 'object',
                        properties: {
                          command: {
                            type: 'array',
                            title: 'Post-start command',
                            items: { type: 'string' },
                          },
                        },
                      },
                    },
                  },
                },
              },
              livenessProbe: {
                type: 'object',
                title: 'Liveness probe',
                properties: {
                  periodSeconds: {
                    type: 'integer',
                    title: 'Period (s)',
                    default: 10,
                  },
                },
              },
              gpu: {
                type: 'object',
                title: 'GPU',
                required: ['count'],
                properties: {
                  count: { type: 'integer', title: 'GPUs' },
                  model: { type: 'string', title: 'GPU model' },
                },
              },
              env: {
                type: 'array',
                title: 'Environment variables',
                items: {
                  type: 'object',
                  properties: {
                    name: { type: 'string', title: 'Variable name' },
                    value: { type: 'string', title: 'Variable value' },
                  },
                },
              },
            },
          },
        },
      },
    };
    const uiSchema = {
      containers: {
        'ui:field': 'DaemonSetSection',
        'ui:options': { validate: true, property: 'containers' },
        items: {
          lifecycle: section,
          livenessProbe: section,
          gpu: section,
          env: section,
        },
      },
    };

    it('keeps one switch per item and section, and sends only what is on', async () => {
      const onData = jest.fn();
      await renderInTestApp(
        <SectionForm
          schema={containersSchema}
          uiSchema={uiSchema}
          initial={{
            containers: [
              { name: 'agent', image: 'ghcr.io/acme/agent' },
              {
                name: 'sidecar',
                image: 'ghcr.io/acme/sidecar',
                env: [{ name: 'MODE', value: 'fast' }],
              },
            ],
          }}
          onData={onData}
        />,
      );
      const lifecycles = screen.getAllByRole('switch', {
        name: 'Lifecycle hooks',
      });
      const probes = screen.getAllByRole('switch', { name: 'Liveness probe' });
      const envs = screen.getAllByRole('switch', {
        name: 'Environment variables',
      });
      expect(lifecycles).toHaveLength(2);
      expect(lifecycles.map(s => (s as HTMLInputElement).checked)).toEqual([
        false,
        false,
      ]);
      expect(probes.map(s => (s as HTMLInputElement).checked)).toEqual([
        false,
        false,
      ]);
      expect(envs.map(s => (s as HTMLInputElement).checked)).toEqual([
        false,
        true,
      ]);
      expect(screen.getByDisplayValue('fast')).toBeInTheDocument();

      // The probe's default period (and rjsf's empty arrays) never reach the data; inside
      // items an off section holds an empty value, never undefined (see offValue.ts).
      await waitFor(() => {
        const containers = lastData(onData).containers;
        expect(containers[0].lifecycle).toEqual({ postStart: undefined });
        expect(containers[0].livenessProbe).toEqual({
          periodSeconds: undefined,
        });
        expect(containers[0].env).toEqual([]);
        expect(containers[1].livenessProbe).toEqual({
          periodSeconds: undefined,
        });
      });
      const containers = lastData(onData).containers;
      for (const item of containers) {
        expect(Object.values(item)).not.toContain(undefined);
        // Nothing would refill the GPU section, so its key is left out (its required count
        // would otherwise fail the form's schema check).
        expect(item).not.toHaveProperty('gpu');
      }
      expect(
        validator.validateFormData({ containers }, containersSchema).errors,
      ).toEqual([]);
      expect(withoutEmpty(JSON.parse(JSON.stringify(containers)))).toEqual([
        { name: 'agent', image: 'ghcr.io/acme/agent' },
        {
          name: 'sidecar',
          image: 'ghcr.io/acme/sidecar',
          env: [{ name: 'MODE', value: 'fast' }],
        },
      ]);

      // Switching on the first container's probe shows its fields there only.
      await userEvent.click(probes[0]);
      expect(probes[0]).toBeChecked();
      expect(screen.getAllByLabelText('Period (s)')).toHaveLength(1);
      await waitFor(() =>
        expect(lastData(onData).containers[0].livenessProbe).toEqual({
          periodSeconds: 10,
        }),
      );
      expect(lastData(onData).containers[1].livenessProbe).toEqual({
        periodSeconds: undefined,
      });

      // Switching on the first container's env starts with one variable to fill in.
      await userEvent.click(envs[0]);
      const input = await screen.findAllByLabelText('Variable name');
      expect(input).toHaveLength(2);
      await userEvent.type(input[0], 'LEVEL');
      await waitFor(() =>
        expect(lastData(onData).containers[0].env).toEqual([{ name: 'LEVEL' }]),
      );

      // And off again sends nothing for it, keeping the other container's variables.
      await userEvent.click(envs[0]);
      await waitFor(() =>
        expect(lastData(onData).containers[0].env).toEqual([]),
      );
      expect(lastData(onData).containers[1].env).toEqual([
        { name: 'MODE', value: 'fast' },
      ]);
    });

    it('holds null for a nullable section, which passes the form schema check', async () => {
      const schema: RJSFSchema = {
        type: 'object',
        properties: {
          containers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string', title: 'Container name' },
                gpu: {
                  type: ['object', 'null'],
                  title: 'GPU',
                  required: ['count'],
                  properties: {
                    count: { type: 'integer', title: 'GPUs', default: 1 },
                    model: { type: 'string', title: 'GPU model' },
                  },
                },
              },
            },
          },
        },
      };
      const onData = jest.fn();
      await renderInTestApp(
        <SectionForm
          schema={schema}
          uiSchema={{ containers: { items: { gpu: section } } }}
          initial={{ containers: [{ name: 'agent' }] }}
          onData={onData}
        />,
      );
      await waitFor(() =>
        expect(lastData(onData).containers[0].gpu).toBeNull(),
      );
      expect(
        validator.validateFormData(lastData(onData), schema).errors,
      ).toEqual([]);
      // A shell would not pass: the section's own required field is missing.
      expect(
        validator.validateFormData(
          { containers: [{ name: 'agent', gpu: { count: undefined } }] },
          schema,
        ).errors,
      ).not.toEqual([]);

      await userEvent.click(screen.getByRole('switch', { name: 'GPU' }));
      expect(await screen.findByLabelText(/^GPUs/)).toHaveValue(1);
      await waitFor(() =>
        expect(lastData(onData).containers[0].gpu).toEqual({ count: 1 }),
      );
    });
  });
});
