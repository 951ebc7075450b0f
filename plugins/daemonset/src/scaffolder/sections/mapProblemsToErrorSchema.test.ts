import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import {
  createValidationNode,
  mapProblemsToErrorSchema,
} from './mapProblemsToErrorSchema';

const containersSchema = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      image: { type: 'string' },
      resources: {
        type: 'object',
        properties: {
          requests: {
            type: 'object',
            additionalProperties: { type: 'string' },
          },
        },
      },
    },
  },
};

describe('mapProblemsToErrorSchema', () => {
  it('puts containers[0].image at the image of the first container', () => {
    const target = createFieldValidation();
    const result = mapProblemsToErrorSchema(
      [
        { path: 'containers[0].image', message: 'must be an image reference' },
        { path: 'name', message: 'is required' },
      ],
      'containers',
      target,
      containersSchema,
    );
    expect(result).toEqual({ mapped: 1, nested: 1 });
    const first = (target as any)[0];
    expect(first.image.__errors).toEqual(['must be an image reference']);
    expect(typeof first.image.addError).toBe('function');
    expect(first.__errors).toEqual([]);
    expect(target.__errors).toEqual([]);
  });

  it('puts labels["a/b"] at that label', () => {
    const target = createFieldValidation();
    mapProblemsToErrorSchema(
      [{ path: 'labels["a/b"]', message: 'must be a label value' }],
      'labels',
      target,
      { type: 'object', additionalProperties: { type: 'string' } },
    );
    expect((target as any)['a/b'].__errors).toEqual(['must be a label value']);
  });

  it('puts a problem about the property itself on its own node', () => {
    const target = createFieldValidation();
    const result = mapProblemsToErrorSchema(
      [{ path: 'containers', message: 'must have at least 1 item' }],
      'containers',
      target,
      containersSchema,
    );
    expect(result).toEqual({ mapped: 1, nested: 0 });
    expect(target.__errors).toEqual(['must have at least 1 item']);
  });

  it('stops at the deepest field the form renders and names the rest', () => {
    const target = createFieldValidation();
    mapProblemsToErrorSchema(
      [
        {
          path: 'containers[1].livenessProbe.httpGet.port',
          message: "must name a port declared in this container's ports[]",
        },
        {
          path: 'containers[0].resources.requests["nvidia.com/gpu"]',
          message: 'must be a whole number',
        },
      ],
      'containers',
      target,
      containersSchema,
    );
    const second = (target as any)[1];
    expect(second.__errors).toEqual([
      "Liveness probe › HTTP check › Port: must name a port declared in this container's ports[]",
    ]);
    expect(
      (target as any)[0].resources.requests['nvidia.com/gpu'].__errors,
    ).toEqual(['must be a whole number']);
  });

  it('maps the full path when no schema is given', () => {
    const target = createValidationNode();
    mapProblemsToErrorSchema(
      [{ path: 'dns.nameservers[2]', message: 'must be an IP address' }],
      'dns',
      target,
    );
    expect((target as any).nameservers[2].__errors).toEqual([
      'must be an IP address',
    ]);
  });

  it('reuses nodes and ignores paths it cannot read', () => {
    const target = createValidationNode();
    mapProblemsToErrorSchema(
      [
        { path: 'containers[0].image', message: 'one' },
        { path: 'containers[0].image', message: 'two' },
        { path: 'containers[0]..x', message: 'unreadable' },
      ],
      'containers',
      target,
      containersSchema,
    );
    expect((target as any)[0].image.__errors).toEqual(['one', 'two']);
  });
});
