import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { scaffolderModuleDaemonSet } from './module';

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
      expect.arrayContaining(['daemonset:generate', 'daemonset:apply']),
    );
    const generate = res.body.find(
      (a: { id: string }) => a.id === 'daemonset:generate',
    );
    expect(generate.examples.length).toBeGreaterThan(0);
    expect(generate.schema.input.properties.containers).toBeDefined();
    expect(generate.schema.output.properties.manifest).toBeDefined();
    const apply = res.body.find(
      (a: { id: string }) => a.id === 'daemonset:apply',
    );
    expect(apply.schema.input.properties.cluster).toBeDefined();
    expect(apply.schema.output.properties.applied).toBeDefined();
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
