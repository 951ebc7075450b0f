// This test reads the template from the repository, in Node (jest), never in the browser.
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'path';
import { parse } from 'yaml';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { validateDaemonSetInput } from '@daemonsets/plugin-daemonset-common';
import { daemonSetApiRef } from '../../api';
import { policyApi } from './__testUtils__/apis';
import { sectionFieldExtensions } from './index';

/*
 * The DaemonSet template of examples/ in the scaffolder's real Stepper, with the section
 * fields (the pickers are not registered here, so rjsf shows their plain inputs).
 */

jest.setTimeout(120_000);

const template = parse(
  readFileSync(
    resolve(
      __dirname,
      '../../../../../examples/templates/daemonset/template.yaml',
    ),
    'utf8',
  ),
) as any;
const steps: Array<{ title: string; schema: any }> =
  template.spec.parameters.map((page: any) => ({
    title: page.title,
    schema: page,
  }));

/** Every DaemonSetSection in the template, with its path. */
function sections(): Array<{ path: string; node: any }> {
  const found: Array<{ path: string; node: any }> = [];
  const walk = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (node && typeof node === 'object') {
      const obj = node as Record<string, unknown>;
      if (obj['ui:field'] === 'DaemonSetSection') {
        found.push({ path, node: obj });
      }
      for (const [key, value] of Object.entries(obj)) {
        walk(value, `${path}.${key}`);
      }
    }
  };
  walk(template.spec.parameters, 'parameters');
  return found;
}

describe('the DaemonSet template with the section fields', () => {
  it('does not name the property in ui:options.field, which rjsf reads as the field to render', () => {
    expect(
      sections()
        .filter(s => s.node['ui:options']?.field !== undefined)
        .map(s => s.path),
    ).toEqual([]);
  });

  it('marks sections with their own anyOf/oneOf as replacing it (else rjsf renders it twice)', () => {
    expect(
      sections()
        .filter(
          s =>
            (s.node.anyOf || s.node.oneOf) &&
            s.node['ui:fieldReplacesAnyOrOneOf'] !== true,
        )
        .map(s => s.path),
    ).toEqual([]);
  });

  it('walks every page: sections off, a bad image at its field, manifests, a clean input', async () => {
    const onCreate = jest.fn(async (_values: Record<string, unknown>) => {});
    await renderInTestApp(
      <TestApiProvider apis={[[daemonSetApiRef, policyApi()]]}>
        <Stepper
          manifest={{ title: template.metadata.title, steps }}
          extensions={sectionFieldExtensions}
          onCreate={onCreate}
          initialState={{
            name: 'agent',
            cluster: 'local',
            namespace: 'monitoring',
            owner: 'group:default/team-a',
          }}
        />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    // Containers: one container (minItems), every optional section off.
    const image = () => document.getElementById('root_containers_0_image')!;
    await waitFor(() => expect(image()).toBeInTheDocument());
    const switches = screen.getAllByRole('switch');
    expect(switches.length).toBeGreaterThan(5);
    for (const toggle of switches) {
      expect(toggle).not.toBeChecked();
    }
    expect(
      screen.getByRole('switch', { name: 'Liveness check' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('switch', { name: 'Data storage (volumes)' }),
    ).toBeInTheDocument();

    await userEvent.type(
      document.getElementById('root_containers_0_name')!,
      'agent',
    );
    await userEvent.type(image(), 'Bad Image!!');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() =>
      expect(image().closest('.form-group')!.textContent).toMatch(
        /must be an image reference/,
      ),
    );

    await userEvent.clear(image());
    await userEvent.type(image(), 'ghcr.io/acme/agent');
    await userEvent.type(
      document.getElementById('root_containers_0_tag')!,
      '1.0',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    for (const section of ['Services', 'Scheduling policy', 'Upgrade policy']) {
      expect(
        await screen.findByRole('switch', { name: section }),
      ).not.toBeChecked();
      await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    }

    const yaml = await screen.findByTestId('daemonset-review-yaml');
    await waitFor(() => expect(yaml).toHaveTextContent('kind: DaemonSet'));
    expect(yaml).toHaveTextContent('image: ghcr.io/acme/agent:1.0');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Create' }),
    );
    await waitFor(() => expect(onCreate).toHaveBeenCalled());

    const sent = JSON.parse(JSON.stringify(onCreate.mock.calls[0][0]));
    const { owner, review, placementPreview, ...input } = sent;
    expect(validateDaemonSetInput(input)).toEqual([]);
    expect(input.containers).toHaveLength(1);
    for (const untouched of ['gpu', 'livenessProbe', 'readinessProbe']) {
      expect(input.containers[0]).not.toHaveProperty(untouched);
    }
    for (const untouched of ['volumes', 'services', 'scheduling', 'dns']) {
      expect(input).not.toHaveProperty(untouched);
    }
  });
});
