import { daemonSetEntityName } from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { AppsV1Api, KubeConfig, V1DaemonSet } from '@kubernetes/client-node';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clusterConfigFor,
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import {
  CapturedLine,
  CatalogBackend,
  getComponent,
  startCatalogBackend,
  waitFor,
} from './__testUtils__/testBackend';

jest.setTimeout(180_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;

describeWithCluster(
  `A catalog-info.yaml for the same entity${
    skipReason ? ` (skipped: ${skipReason})` : ''
  }`,
  () => {
    let backend: CatalogBackend | undefined;
    let ns: TestNamespace | undefined;
    let directory: string | undefined;

    afterAll(async () => {
      await backend?.stop();
      await ns?.cleanup();
      if (directory) rmSync(directory, { recursive: true, force: true });
    });

    it('keeps one entity: the source registered first holds the name, the other is refused and logged', async () => {
      const cluster = await getTestCluster();
      directory = mkdtempSync(join(tmpdir(), 'catalog-ds-conflict-'));
      ns = await createTestNamespace(cluster, 'catalog-ds-conflict');
      const name = daemonSetEntityName({
        cluster: 'local',
        namespace: ns.name,
        name: 'agent',
      });
      const file = join(directory, 'catalog-info.yaml');
      writeFileSync(
        file,
        JSON.stringify({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name, description: 'from the repository' },
          spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
        }),
      );
      const lines: CapturedLine[] = [];
      backend = await startCatalogBackend({
        directory,
        lines,
        config: {
          ...clusterConfigFor(cluster),
          catalog: { locations: [{ type: 'file', target: file }] },
        },
      });
      await waitFor('the repository entity', () =>
        getComponent(backend!.server, name),
      );

      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromFile(cluster.kubeconfigPath);
      await kubeConfig.makeApiClient(AppsV1Api).createNamespacedDaemonSet({
        namespace: ns.name,
        body: buildDaemonSetManifests({
          name: 'agent',
          namespace: ns.name,
          cluster: 'local',
          owner: 'group:default/platform-team',
          containers: [{ name: 'agent', image: 'example.com/agent', tag: '1' }],
        }).daemonSet as V1DaemonSet,
      });
      await waitFor('the conflict log line', () =>
        lines.some(
          l =>
            /conflict/i.test(l.text) &&
            l.text.includes(name) &&
            l.text.includes('daemonset:local'),
        ),
      );
      const entity = await getComponent(backend!.server, name);
      expect(entity?.metadata.description).toBe('from the repository');
      expect(
        entity?.metadata.annotations?.['backstage.io/managed-by-location'],
      ).toBe(`file:${file}`);
    });
  },
);
