import { mockServices } from '@backstage/backend-test-utils';
import { DaemonSetInput } from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { stringify } from 'yaml';
import { createDaemonSetApplyAction } from './apply';
import { createDaemonSetGenerateAction } from './generate';
import {
  clusterConfig,
  container,
  deleteObjects,
  describeWithCluster,
  setUpClusterActions,
  SUITE,
} from './__testUtils__/clusterActions';

jest.setTimeout(180_000);

describeWithCluster(SUITE, () => {
  const suite = setUpClusterActions('scaffolder-apply');
  const { run } = suite;

  it('deploys with the portal token, waits for the rollout, and a second apply changes nothing', async () => {
    const config = clusterConfig(suite.cluster, suite.cluster.portalToken);
    const generate = createDaemonSetGenerateAction({ config });
    const apply = createDaemonSetApplyAction({
      config,
      logger: mockServices.logger.mock(),
    });
    const name = `it-${Date.now().toString(36)}`;
    const { outputs: generated } = await run(generate, {
      name,
      namespace: 'default',
      cluster: 'local',
      containers: [
        container({ ports: [{ name: 'http', containerPort: 8080 }] }),
      ],
      services: [{ name, ports: [{ port: 80, targetPort: 'http' }] }],
    });
    try {
      const first = await run(apply, {
        cluster: 'local',
        manifest: generated.manifest,
        waitForRollout: true,
        timeoutSeconds: 90,
      });
      expect(first.outputs.applied).toEqual([
        expect.objectContaining({
          kind: 'DaemonSet',
          namespace: 'default',
          name,
          created: true,
          changed: true,
          generation: 1,
        }),
        expect.objectContaining({
          kind: 'Service',
          name,
          created: true,
          changed: true,
        }),
      ]);
      const progress = first.logger.info.mock.calls.map((c: unknown[]) =>
        String(c[0]),
      );
      expect({ rollout: first.outputs.rollout, progress }).toMatchObject({
        rollout: { complete: true },
      });
      expect({
        desired: first.outputs.rollout.desired,
        progress,
      }).not.toMatchObject({ desired: 0 });
      expect(first.outputs.rollout.available).toBe(
        first.outputs.rollout.desired,
      );
      const lines = first.logger.info.mock.calls.map((c: unknown[]) =>
        String(c[0]),
      );
      expect(lines).toContainEqual(
        expect.stringMatching(/\d+\/\d+ nodes updated and ready/),
      );
      expect(JSON.stringify(first.logger.info.mock.calls)).not.toContain(
        suite.cluster.portalToken,
      );

      const second = await run(apply, {
        cluster: 'local',
        manifest: generated.manifest,
      });
      expect(second.outputs.applied).toEqual([
        expect.objectContaining({
          kind: 'DaemonSet',
          created: false,
          changed: false,
          generation: 1,
        }),
        expect.objectContaining({
          kind: 'Service',
          created: false,
          changed: false,
        }),
      ]);
    } finally {
      await deleteObjects(suite.cluster, name);
    }
  });

  it('is refused by RBAC when the portal token applies into kube-system', async () => {
    const apply = createDaemonSetApplyAction({
      config: clusterConfig(suite.cluster, suite.cluster.portalToken),
      logger: mockServices.logger.mock(),
    });
    const { yaml } = buildDaemonSetManifests({
      name: 'not-allowed',
      namespace: 'default',
      containers: [container()],
    } as DaemonSetInput);
    const manifest = yaml.replace(
      /namespace: default/g,
      'namespace: kube-system',
    );
    const error = await run(apply, { cluster: 'local', manifest }).catch(
      e => e,
    );
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toMatch(
      /cluster 'local' answered 403 .*kube-system.*forbidden/i,
    );
    expect(error.message).not.toContain(suite.cluster.portalToken);
  });

  it('rejects a manifest with another kind before it reaches the cluster', async () => {
    const apply = createDaemonSetApplyAction({
      config: clusterConfig(suite.cluster, suite.cluster.adminToken),
      logger: mockServices.logger.mock(),
    });
    const manifest = stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'x', namespace: suite.namespace.name },
    });
    await expect(run(apply, { cluster: 'local', manifest })).rejects.toThrow(
      'only apps/v1 DaemonSet and v1 Service may be applied',
    );
  });
});
