import {
  daemonSetEntityName,
  DaemonSetInput,
} from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { AppsV1Api, KubeConfig, V1DaemonSet } from '@kubernetes/client-node';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  clusterConfigFor,
  clusterEntryFor,
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import {
  CapturedLine,
  CatalogBackend,
  getComponent,
  startCatalogBackend,
  startTcpProxy,
  waitFor,
} from './__testUtils__/testBackend';

jest.setTimeout(240_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;
const SUITE = `DaemonSet entity provider against the local cluster${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
let backend: CatalogBackend | undefined;
const directories: string[] = [];
const lines: CapturedLine[] = [];

function tempDirectory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-ds-'));
  directories.push(dir);
  return dir;
}

/** The local cluster, and with `flakyUrl` the same cluster again as `flaky` behind that URL. */
function config(flakyUrl?: string, provider: object = {}) {
  return {
    ...clusterConfigFor(
      cluster,
      {},
      ...(flakyUrl
        ? [clusterEntryFor(cluster, { name: 'flaky', url: flakyUrl })]
        : []),
    ),
    catalog: {
      providers: {
        daemonset: {
          schedule: { frequency: { minutes: 30 }, timeout: { minutes: 1 } },
          include: {
            clusters: ['local'],
            namespaces: [ns.name],
            labelSelector: 'catalog=yes',
          },
          ...provider,
        },
      },
    },
  };
}

/** A DaemonSet as the generator writes it, with ownership metadata when `owner` is given. */
function generated(input: Partial<DaemonSetInput>): V1DaemonSet {
  return buildDaemonSetManifests({
    name: 'x',
    namespace: ns.name,
    cluster: 'local',
    containers: [{ name: 'agent', image: 'example.com/agent', tag: '1.0' }],
    ...input,
  }).daemonSet as V1DaemonSet;
}

const entityName = (name: string, inCluster = 'local') =>
  daemonSetEntityName({ cluster: inCluster, namespace: ns.name, name });

async function component(name: string) {
  return getComponent(backend!.server, name);
}

beforeAll(async () => {
  if (skipReason) return;
  cluster = await getTestCluster();
  ns = await createTestNamespace(cluster, 'catalog-ds');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  apps = kubeConfig.makeApiClient(AppsV1Api);
  proxy = await startTcpProxy(new URL(cluster.server));
});

afterAll(async () => {
  await backend?.stop();
  await proxy?.down();
  await ns?.cleanup();
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
});

describeWithCluster(SUITE, () => {
  const directory = () => directories[0] ?? tempDirectory();

  it('ingests a generated DaemonSet with ownership metadata as a Component within seconds', async () => {
    backend = await startCatalogBackend({
      directory: directory(),
      lines,
      config: config(proxy.url()),
    });
    const since = Date.now();
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: generated({
        name: 'owned',
        owner: 'group:default/platform-team',
        system: 'observability',
        description: 'Ships node logs',
      }),
    });
    const entity = await waitFor('the owned entity', () =>
      component(entityName('owned')),
    );
    // eslint-disable-next-line no-console
    console.log(`apply -> entity: ${Date.now() - since} ms`);
    expect(entity.metadata.title).toBe(`owned (${ns.name} on local)`);
    expect(entity.metadata.description).toBe('Ships node logs');
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-id': 'owned',
      'backstage.io/kubernetes-namespace': ns.name,
      'backstage.io/kubernetes-cluster': 'local',
      'backstage.io/managed-by-location': 'daemonset:local',
    });
    expect(entity.spec).toEqual({
      type: 'daemonset',
      lifecycle: 'production',
      owner: 'group:default/platform-team',
      system: 'observability',
    });
    // The same DaemonSet read through the second cluster entry is a second entity.
    await waitFor('the owned entity of cluster flaky', () =>
      component(entityName('owned', 'flaky')),
    );
  });

  it('leaves out DaemonSets without ownership metadata unless the include filter names them', async () => {
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: generated({ name: 'plain' }),
    });
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: generated({ name: 'labelled', labels: { catalog: 'yes' } }),
    });
    const labelled = await waitFor('the labelled entity', () =>
      component(entityName('labelled')),
    );
    expect(labelled.spec?.owner).toBe('group:default/platform-team');
    // The watch applies events in order, so 'plain' was seen before 'labelled'; and a full
    // scan leaves it out too.
    const scans = () =>
      lines.filter(l => /scheduled scan: .* of cluster local /.test(l.text))
        .length;
    const before = scans();
    await backend!.scheduler.triggerTask('daemonset:local:refresh');
    await waitFor('a new scheduled scan of local', () =>
      scans() > before ? true : undefined,
    );
    expect(await component(entityName('plain'))).toBeUndefined();
    // The filter is for cluster local only.
    expect(await component(entityName('labelled', 'flaky'))).toBeUndefined();
  });

  it('updates the entity when the DaemonSet changes', async () => {
    await apps.patchNamespacedDaemonSet({
      namespace: ns.name,
      name: 'owned',
      body: [
        {
          op: 'replace',
          path: '/metadata/annotations/description',
          value: 'Ships node logs and metrics',
        },
      ],
    });
    const updated = await waitFor('the new description', async () => {
      const entity = await component(entityName('owned'));
      return entity?.metadata.description === 'Ships node logs and metrics'
        ? entity
        : undefined;
    });
    expect(updated.spec?.owner).toBe('group:default/platform-team');
  });

  it('keeps the entities of an unreachable cluster and logs it', async () => {
    await proxy.down();
    await backend!.scheduler.triggerTask('daemonset:flaky:refresh');
    await waitFor('the unreachable log line', () =>
      lines.some(l =>
        /warn Cluster flaky could not be read \(ECONNREFUSED\): its DaemonSet entities are kept/.test(
          l.text,
        ),
      ),
    );
    expect(await component(entityName('owned', 'flaky'))).toBeDefined();
    expect(lines.map(l => l.text).join('\n')).not.toContain(
      cluster.portalToken,
    );
  });

  it('removes the entity when the DaemonSet is deleted (and keeps the unreachable cluster one)', async () => {
    await apps.deleteNamespacedDaemonSet({ namespace: ns.name, name: 'owned' });
    await waitFor('the owned entity to go', async () =>
      (await component(entityName('owned'))) === undefined ? true : undefined,
    );
    expect(await component(entityName('owned', 'flaky'))).toBeDefined();
  });

  it('drops the entities of a cluster removed from the config', async () => {
    await backend!.stop();
    backend = await startCatalogBackend({
      directory: directory(),
      lines,
      config: config(),
    });
    await waitFor('the flaky entity to go', async () =>
      (await component(entityName('owned', 'flaky'))) === undefined
        ? true
        : undefined,
    );
    expect(await component(entityName('labelled'))).toBeDefined();
  });
});
