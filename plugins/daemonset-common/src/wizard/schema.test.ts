import { parse } from 'yaml';
import { daemonSetInputJsonSchema, daemonSetInputSchema } from './schema';
import { baseInput } from './testUtils';

describe('daemonSetInputSchema', () => {
  it('fills in defaults', () => {
    const parsed = daemonSetInputSchema.parse(
      baseInput({
        services: [{ name: 's', ports: [{ port: 80 }] }],
        dns: {},
        metrics: { port: 1 },
        updateStrategy: {},
      }),
    );
    expect(parsed.namespace).toBe('default');
    expect(parsed.timezoneSync).toBe(false);
    expect(parsed.serverlessBursting).toBe(false);
    expect(parsed.hostNetwork).toBe(false);
    expect(parsed.services![0].type).toBe('ClusterIP');
    expect(parsed.dns!.policy).toBe('append');
    expect(parsed.metrics).toEqual({
      port: 1,
      path: '/metrics',
      scheme: 'http',
    });
    expect(parsed.updateStrategy!.type).toBe('RollingUpdate');
  });

  it('can be extended, as the scaffolder action does', () => {
    expect(daemonSetInputSchema.extend({}).safeParse(baseInput()).success).toBe(
      true,
    );
  });
});

describe('daemonSetInputJsonSchema', () => {
  const schema = daemonSetInputJsonSchema as {
    type: string;
    required: string[];
    additionalProperties: boolean;
    properties: Record<string, any>;
  };

  it('describes the input as a closed object with the required fields', () => {
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['name', 'containers']);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.namespace.default).toBe('default');
    expect(schema.properties.name.description).toContain('metadata.name');
    expect(schema.properties.containers.minItems).toBe(1);
    expect(schema.properties.services.items.properties.type.enum).toEqual([
      'ClusterIP',
      'NodePort',
      'LoadBalancer',
      'Headless',
    ]);
  });

  it('is plain JSON without references', () => {
    const text = JSON.stringify(daemonSetInputJsonSchema);
    expect(text).not.toContain('"$ref"');
    expect(parse(text)).toEqual(daemonSetInputJsonSchema);
  });
});
