import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { defaultApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { apiHolderWith, policyApi } from './__testUtils__/apis';
import { matchesPattern, validateSection } from './validateSection';

const containersSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      image: { type: 'string' },
      tag: { type: 'string' },
      privileged: { type: 'boolean' },
      volumeMounts: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            mountPath: { type: 'string' },
          },
        },
      },
    },
  },
};

const options = { validate: true, property: 'containers' };

function form(container: Record<string, unknown>, extra = {}) {
  return {
    name: 'agent',
    owner: 'group:default/team-a',
    review: null,
    containers: [
      { name: 'agent', image: 'ghcr.io/acme/agent', tag: '1.0', ...container },
    ],
    ...extra,
  };
}

async function validate(
  formData: Record<string, any>,
  uiOptions: Record<string, unknown> = options,
  apiHolder = apiHolderWith(policyApi()),
) {
  const fieldValidation = createFieldValidation();
  await validateSection(formData.containers, fieldValidation, {
    apiHolder,
    formData,
    schema: containersSchema,
    uiSchema: { 'ui:options': uiOptions },
  });
  return fieldValidation as any;
}

describe('validateSection', () => {
  it('puts an invalid image at the image field of its container, in the rule words', async () => {
    const result = await validate(form({ image: 'Bad Image!!' }));
    expect(result[0].image.__errors).toEqual([
      expect.stringMatching(/^must be an image reference/),
    ]);
    // The Stepper only stops on errors at the property's own node.
    expect(result.__errors).toEqual([
      'has a problem, shown at its field above',
    ]);
  });

  it('reports nothing for a valid input, ignoring template-only parameters', async () => {
    const result = await validate(form({}));
    expect(result.__errors).toEqual([]);
    expect(Object.keys(result).sort()).toEqual(['__errors', 'addError']);
  });

  it('does nothing without ui:options.validate', async () => {
    const result = await validate(form({ image: 'Bad Image!!' }), {});
    expect(Object.keys(result).sort()).toEqual(['__errors', 'addError']);
  });

  it('finds its key from the form data when the template does not name it', async () => {
    const result = await validate(form({ image: 'Bad Image!!' }), {
      validate: true,
    });
    expect(result[0].image.__errors).toHaveLength(1);
  });

  it('ignores problems of other properties', async () => {
    const result = await validate(form({}, { name: 'Not A Name' }));
    expect(result.__errors).toEqual([]);
  });

  it('applies the platform policy from the API', async () => {
    const holder = apiHolderWith(
      policyApi({ ...defaultApprovalPolicy, privileged: 'deny' }),
    );
    const result = await validate(form({ privileged: true }), options, holder);
    expect(result[0].privileged.__errors).toEqual([
      expect.stringContaining('privileged'),
    ]);
  });

  it('falls back to the default policy when the API fails or is missing', async () => {
    for (const holder of [
      apiHolderWith(policyApi(undefined, new Error('offline'))),
      apiHolderWith(undefined),
    ]) {
      const result = await validate(
        form({ image: 'Bad Image!!' }),
        options,
        holder,
      );
      expect(result[0].image.__errors).toHaveLength(1);
      // privileged needs approval under the default policy; that is not a problem
      const ok = await validate(form({ privileged: true }), options, holder);
      expect(ok.__errors).toEqual([]);
    }
  });

  it('skips the problems a template defers to a later page', async () => {
    const data = form({
      volumeMounts: [{ name: 'logs', mountPath: '/var/log' }],
    });
    const strict = await validate(data);
    expect(strict[0].volumeMounts[0].name.__errors).toEqual([
      expect.stringContaining('must name a volume declared in volumes[]'),
    ]);
    const deferred = await validate(data, {
      ...options,
      ignore: ['containers[*].volumeMounts[*].name'],
    });
    expect(deferred.__errors).toEqual([]);
  });
});

describe('matchesPattern', () => {
  it('matches indices with [*] and the paths below a pattern', () => {
    expect(
      matchesPattern(
        'containers[3].volumeMounts[0].name',
        'containers[*].volumeMounts[*].name',
      ),
    ).toBe(true);
    expect(
      matchesPattern(
        'containers[3].volumeMounts[0].name',
        'containers[*].volumeMounts',
      ),
    ).toBe(true);
    expect(
      matchesPattern(
        'containers[3].volumeMountsX',
        'containers[*].volumeMounts',
      ),
    ).toBe(false);
    expect(matchesPattern('labels["a.b"]', 'labels["a.b"]')).toBe(true);
    expect(matchesPattern('labels["aXb"]', 'labels["a.b"]')).toBe(false);
  });
});
