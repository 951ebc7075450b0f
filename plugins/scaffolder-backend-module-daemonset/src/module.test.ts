import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { scaffolderModuleDaemonSet } from './module';

// startTestBackend with the whole scaffolder plugin takes seconds on a busy machine.
jest.setTimeout(60_000);

describe('scaffolderModuleDaemonSet', () => {
  it('adds the daemonset actions to the scaffolder', async () => {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        scaffolderModuleDaemonSet,
        mockServices.rootConfig.factory({ data: {} }),
      ],
    });
    const res = await request(server).get('/api/scaffolder/v2/actions');
    expect(res.status).toBe(200);
    const ids = res.body.map((a: { id: string }) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'daemonset:generate',
        'daemonset:apply',
        'daemonset:request-approval',
      ]),
    );
    const byId = (id: string) =>
      res.body.find((a: { id: string }) => a.id === id);

    const generate = byId('daemonset:generate');
    expect(generate.examples.length).toBeGreaterThan(0);
    const generateInput = generate.schema.input;
    expect(generateInput.type).toBe('object');
    // Everything else has a default, e.g. the namespace.
    expect([...generateInput.required].sort()).toEqual(['containers', 'name']);
    expect(generateInput.properties.namespace.default).toBe('default');
    expect(generateInput.properties.name.type).toBe('string');
    expect(generateInput.properties.containers.type).toBe('array');
    expect(generateInput.properties.containers.items.required).toEqual(
      expect.arrayContaining(['name', 'image']),
    );
    expect(generateInput.properties.filePath.type).toBe('string');
    expect(generate.schema.output.properties).toMatchObject({
      manifest: { type: 'string' },
      filePath: { type: 'string' },
      approvalRequired: { type: 'boolean' },
      objects: { type: 'array' },
    });

    const apply = byId('daemonset:apply');
    const applyInput = apply.schema.input;
    // Cluster coordinates never come from the template: only these inputs are accepted.
    expect(Object.keys(applyInput.properties).sort()).toEqual(
      [
        'baseRevision',
        'cluster',
        'dryRun',
        'filePath',
        'manifest',
        'timeoutSeconds',
        'waitForRollout',
      ].sort(),
    );
    expect(applyInput.additionalProperties).toBe(false);
    expect(applyInput.required).toEqual(['cluster']);
    expect(applyInput.properties).toMatchObject({
      cluster: { type: 'string', minLength: 1 },
      dryRun: { type: 'boolean', default: false },
      timeoutSeconds: { type: 'integer', minimum: 1, maximum: 3600 },
    });
    expect(apply.schema.output.properties.applied).toMatchObject({
      type: 'array',
      items: {
        type: 'object',
        required: expect.arrayContaining([
          'kind',
          'namespace',
          'name',
          'created',
          'changed',
        ]),
      },
    });
    expect(apply.schema.output.properties.rollout.type).toBe('object');
  });

  it('stops the backend when daemonset.policy is invalid', async () => {
    await expect(
      startTestBackend({
        features: [
          scaffolderPlugin,
          scaffolderModuleDaemonSet,
          mockServices.rootConfig.factory({
            data: { daemonset: { policy: { hostNetwork: 'maybe' } } },
          }),
        ],
      }),
    ).rejects.toThrow('daemonset.policy.hostNetwork');
  });
});
