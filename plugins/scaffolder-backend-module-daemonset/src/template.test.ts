import {
  daemonSetInputJsonSchema,
  validateDaemonSetInput,
} from '@daemonsets/plugin-daemonset-common';
import { ConfigReader } from '@backstage/config';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { createDaemonSetActions } from './actions';

/*
 * The template is written by hand for the form (titles, switches, pickers); the generator's
 * input schema is the truth. These tests hold one against the other so they cannot drift.
 */

type Schema = Record<string, any>;

const template = parse(
  readFileSync(
    resolve(__dirname, '../../../examples/templates/daemonset/template.yaml'),
    'utf8',
  ),
);
const pages: Schema[] = template.spec.parameters;

/** Form-only properties: shown in the wizard, never passed to the generator. */
const FORM_ONLY = new Set(['placementPreview', 'review', 'baseRevision']);

/** A schema node and the alternatives it allows (anyOf, oneOf, allOf), flattened. */
function alternatives(node: Schema): Schema[] {
  const nested = [
    ...(node.anyOf ?? []),
    ...(node.oneOf ?? []),
    ...(node.allOf ?? []),
  ];
  return [node, ...nested.flatMap(alternatives)];
}

function typesOf(node: Schema): Set<string> {
  const types = new Set<string>();
  for (const alt of alternatives(node)) {
    for (const type of [alt.type].flat()) {
      if (type) types.add(type);
    }
  }
  if (types.has('number')) types.add('integer');
  return types;
}

function propertyOf(node: Schema, name: string): Schema | undefined {
  for (const alt of alternatives(node)) {
    if (alt.properties?.[name]) return alt.properties[name];
    if (
      alt.additionalProperties &&
      typeof alt.additionalProperties === 'object'
    ) {
      return alt.additionalProperties;
    }
  }
  return undefined;
}

function itemsOf(node: Schema): Schema | undefined {
  return alternatives(node).find(alt => alt.items)?.items;
}

/** Every mismatch between a template node and the generator's schema node, with its path. */
function mismatches(form: Schema, truth: Schema, path: string): string[] {
  const found: string[] = [];
  if (form.type) {
    const allowed = typesOf(truth);
    if (!allowed.has(form.type)) {
      found.push(
        `${path}: type ${form.type}, the generator takes ${[...allowed].join(
          '|',
        )}`,
      );
    }
  }
  const truthEnum = alternatives(truth).find(alt => alt.enum)?.enum;
  for (const value of form.enum ?? []) {
    if (!truthEnum?.includes(value)) {
      found.push(`${path}: option ${value} is not accepted by the generator`);
    }
  }
  for (const alt of alternatives(form)) {
    for (const [name, child] of Object.entries<Schema>(alt.properties ?? {})) {
      const target = propertyOf(truth, name);
      if (!target) {
        found.push(`${path}.${name}: not a field of the generator's input`);
      } else {
        found.push(...mismatches(child, target, `${path}.${name}`));
      }
    }
  }
  if (form.items) {
    const target = itemsOf(truth);
    if (!target) {
      found.push(`${path}: a list in the form, not in the generator's input`);
    } else {
      found.push(...mismatches(form.items, target, `${path}[]`));
    }
  }
  return found;
}

const formFields = pages.flatMap(page =>
  Object.entries<Schema>(page.properties).filter(
    ([name]) => !FORM_ONLY.has(name),
  ),
);

describe('the DaemonSet template against the generator input schema', () => {
  it('has every form field, at every depth, in the generator schema with a compatible type and options', () => {
    const found = formFields.flatMap(([name, node]) => {
      const truth = (daemonSetInputJsonSchema.properties as Schema)[name];
      return truth
        ? mismatches(node, truth, name)
        : [`${name}: not a field of the generator's input`];
    });
    expect(found).toEqual([]);
  });

  it('passes every form field to daemonset:generate under its own name, and nothing else but the base revision of an edit', () => {
    const generate = template.spec.steps.find(
      (s: Schema) => s.id === 'generate',
    );
    const passed = Object.entries<string>(generate.input);
    for (const [key, expression] of passed) {
      expect(expression).toBe(`\${{ parameters.${key} }}`);
    }
    // baseRevision is an input of the action itself (the live revision an edit starts from),
    // not a field of the DaemonSet input.
    expect(passed.map(([key]) => key).sort()).toEqual(
      [...formFields.map(([name]) => name), 'baseRevision'].sort(),
    );
  });

  it('puts every optional section of a container behind a switch', () => {
    const container = pages[1].properties.containers.items.properties;
    const required = new Set(pages[1].properties.containers.items.required);
    const sections = Object.entries<Schema>(container).filter(
      ([name, node]) =>
        !required.has(name) &&
        name !== 'resources' &&
        (node.type === 'object' || node.type === 'array'),
    );
    expect(sections.length).toBeGreaterThanOrEqual(10);
    for (const [name, node] of sections) {
      expect([name, node['ui:field'], node['ui:options']?.optional]).toEqual([
        name,
        'DaemonSetSection',
        true,
      ]);
    }
  });

  it("accepts the form's defaults with the required fields filled in", () => {
    const defaults: Schema = {};
    for (const page of pages) {
      for (const [name, node] of Object.entries<Schema>(page.properties)) {
        if (node.default !== undefined) defaults[name] = node.default;
      }
    }
    const container = pages[1].properties.containers.items.properties;
    const input = {
      ...defaults,
      name: 'agent',
      cluster: 'local',
      containers: [
        {
          name: 'agent',
          image: 'ghcr.io/acme/agent',
          privileged: container.privileged.default,
          resources: {
            requests: {
              cpu: container.resources.properties.requests.properties.cpu
                .default,
              memory:
                container.resources.properties.requests.properties.memory
                  .default,
            },
          },
        },
      ],
    };
    expect(validateDaemonSetInput(input)).toEqual([]);
  });

  describe('the steps after generate', () => {
    const steps: Schema[] = template.spec.steps;
    const stepOf = (id: string) => steps.find(s => s.id === id)!;
    const REQUIRED = 'steps.generate.output.approvalRequired';
    const MODE = 'steps.generate.output.approvalMode';
    const unused = () => {
      throw new Error('not used');
    };
    const actions = createDaemonSetActions({
      config: new ConfigReader({}),
      logger: {} as any,
      discovery: { getBaseUrl: unused, getExternalBaseUrl: unused },
      auth: {} as any,
    });

    it('asks for approval in exactly one way, picked by daemonset.approval.mode', () => {
      expect(stepOf('request-approval')).toMatchObject({
        action: 'daemonset:request-approval',
        if: `\${{ ${REQUIRED} and ${MODE} == 'portal' }}`,
      });
      expect(stepOf('pull-request')).toMatchObject({
        action: 'publish:github:pull-request',
        if: `\${{ ${REQUIRED} and ${MODE} == 'pull-request' }}`,
      });
      for (const id of ['dry-run', 'deploy']) {
        expect([id, stepOf(id).if]).toEqual([id, `\${{ not ${REQUIRED} }}`]);
      }
      // daemonset:generate can only say one of the two modes the conditions test for
      const generate = actions.find(a => a.id === 'daemonset:generate')!;
      expect(
        (generate.schema?.output as Schema).properties.approvalMode.enum,
      ).toEqual(['portal', 'pull-request']);
    });

    it("files the generator's own manifest and names for approval, with the action's input names", () => {
      const step = stepOf('request-approval');
      expect(step.input).toEqual({
        cluster: '${{ parameters.cluster }}',
        namespace: '${{ parameters.namespace }}',
        name: '${{ parameters.name }}',
        entityRef: '${{ steps.generate.output.entityRef }}',
        manifest: '${{ steps.generate.output.manifest }}',
        baseRevision: '${{ parameters.baseRevision }}',
      });
      const action = actions.find(a => a.id === step.action)!;
      const accepted = Object.keys((action.schema?.input as Schema).properties);
      expect(accepted).toEqual(expect.arrayContaining(Object.keys(step.input)));
    });

    it('leaves the catalog entity to the catalog provider and links to it', () => {
      expect(steps.map(s => s.action)).not.toContain('catalog:write');
      const links: Schema[] = template.spec.output.links;
      expect(links).toEqual(
        expect.arrayContaining([
          {
            title: 'Approval request',
            if: `\${{ ${REQUIRED} and ${MODE} == 'portal' }}`,
            url: "${{ steps['request-approval'].output.url }}",
          },
          expect.objectContaining({
            if: `\${{ not ${REQUIRED} }}`,
            entityRef: '${{ steps.generate.output.entityRef }}',
          }),
        ]),
      );
    });
  });
});
