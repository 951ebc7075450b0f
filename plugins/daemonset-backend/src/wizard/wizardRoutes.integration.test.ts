import {
  DaemonSetInput,
  EntityDaemonSetStatus,
  NodeRow,
  PlacementPreview,
} from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  AppsV1Api,
  CoreV1Api,
  RbacAuthorizationV1Api,
  V1DaemonSet,
} from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { Server } from 'node:http';
import request from 'supertest';
import { TestCluster, TestNamespace } from '@daemonsets/local-cluster/testing';
import {
  adminKubeConfig,
  clusterNamespace,
  clusterSuite,
} from '../__testUtils__/cluster';
import { eventuallyValue } from '../__testUtils__/eventually';
import {
  componentEntity,
  labelSelectorAnnotations,
  startBackendWithCluster,
} from '../__testUtils__/testBackend';

/*
 * The wizard routes against the real local cluster. No skip: without a cluster this file fails
 * in beforeAll. It only adds things (a namespace, one extra node) and removes them afterwards,
 * so other suites may share the cluster meanwhile.
 */

jest.setTimeout(180_000);

const suite = clusterSuite('wizard routes against the local cluster');

const BASE = '/api/daemonset';
const APP = 'wizard-itest';
const MARKER = `wizard-itest-marker-${randomBytes(8).toString('hex')}`;
const MARKER_B64 = Buffer.from(MARKER).toString('base64');
const EXTRA_NODE = `wizard-itest-${randomBytes(3).toString('hex')}`;
const EXTRA_TAINT = { key: 'itest.daemonsets.dev/wizard', value: EXTRA_NODE };

let cluster: TestCluster;
let ns: TestNamespace;
let core: CoreV1Api;
let apps: AppsV1Api;
let server: Server;
let logs: string[];

/** The wizard input whose placement is compared; `name` and `namespace` make it complete. */
function wizardInput(): DaemonSetInput {
  return {
    name: APP,
    namespace: ns.name,
    containers: [
      {
        name: 'agent',
        image: 'example.com/agent',
        tag: '1.0',
        resources: { requests: { cpu: '100m', memory: '64Mi' } },
      },
    ],
    scheduling: {
      nodeSelector: { disktype: 'ssd' },
      tolerations: [
        {
          key: 'dedicated',
          operator: 'Equal',
          value: 'infra',
          effect: 'NoSchedule',
        },
      ],
    },
  };
}

async function preview(input: object): Promise<PlacementPreview> {
  const response = await request(server)
    .post(`${BASE}/clusters/local/placement`)
    .send({ input });
  expect(response.status).toBe(200);
  return response.body;
}

/** A reading for a timeout's error. */
const shown = (last: unknown) => JSON.stringify(last)?.slice(0, 2000);

/** Node count per reason text, from the preview and from the tab's rows, sorted by reason. */
function previewGroups(p: PlacementPreview): Record<string, number> {
  return sorted(p.excluded.map(g => [g.reason, g.count]));
}
function tabGroups(rows: NodeRow[]): Record<string, number> {
  const groups = new Map<string, number>();
  for (const row of rows) {
    if (row.verdict !== 'notEligible') continue;
    const reason = row.eligibility.reasons.join('; ');
    groups.set(reason, (groups.get(reason) ?? 0) + 1);
  }
  return sorted([...groups]);
}
function sorted(entries: Array<[string, number]>): Record<string, number> {
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : 1)));
}

beforeAll(async () => {
  ({ cluster, ns, core, apps } = await clusterNamespace('wizard'));
  const rbac = adminKubeConfig(cluster).makeApiClient(RbacAuthorizationV1Api);

  await core.createNamespacedSecret({
    namespace: ns.name,
    body: {
      metadata: {
        name: 'itest-secret',
        annotations: {
          'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
            stringData: { token: MARKER },
          }),
        },
      },
      type: 'Opaque',
      data: { 'config.json': MARKER_B64 },
      stringData: { token: MARKER },
    },
  });
  await core.createNamespacedConfigMap({
    namespace: ns.name,
    body: {
      metadata: { name: 'itest-config' },
      data: { 'b.yaml': MARKER, a: MARKER },
      binaryData: { blob: MARKER_B64 },
    },
  });
  // The portal account of the local cluster may not list Secrets or ConfigMaps anywhere: a
  // portal that offers the pickers grants it, per namespace, as here.
  await rbac.createNamespacedRole({
    namespace: ns.name,
    body: {
      metadata: { name: 'wizard-pickers' },
      rules: [
        {
          apiGroups: [''],
          resources: ['secrets', 'configmaps'],
          verbs: ['list'],
        },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace: ns.name,
    body: {
      metadata: { name: 'wizard-pickers' },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'wizard-pickers',
      },
      subjects: [
        {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'User',
          name: 'daemonset-portal',
        },
      ],
    },
  });
  // One node of this suite's own, with a taint nobody else tolerates.
  await core.createNode({
    body: {
      metadata: {
        name: EXTRA_NODE,
        labels: {
          'kubernetes.io/hostname': EXTRA_NODE,
          'kubernetes.io/os': 'linux',
          disktype: 'ssd',
        },
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
      },
      spec: { taints: [{ ...EXTRA_TAINT, effect: 'NoSchedule' }] },
      status: {
        capacity: { cpu: '2', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '2', memory: '8Gi', pods: '110' },
      },
    },
  });

  const backend = await startBackendWithCluster({
    cluster,
    entities: [componentEntity(APP, labelSelectorAnnotations(APP, ns.name))],
    config: { daemonset: { initialListTimeout: { seconds: 10 } } },
  });
  logs = backend.logs;
  server = backend.server;
});

afterAll(async () => {
  await core?.deleteNode({ name: EXTRA_NODE }).catch(() => undefined);
  await ns?.cleanup();
});

suite.describe(suite.title, () => {
  it('lists the cluster as connected', async () => {
    const response = await request(server).get(`${BASE}/clusters`);
    expect(response.status).toBe(200);
    expect(response.body.items).toEqual([
      {
        name: 'local',
        connection: { state: 'connected', checkedAt: expect.any(String) },
      },
    ]);
  });

  it('lists the namespaces, this suite’s included, with their policy', async () => {
    const response = await request(server).get(
      `${BASE}/clusters/local/namespaces`,
    );
    expect(response.status).toBe(200);
    const items: Array<{ name: string; policy: string }> = response.body.items;
    expect(items).toContainEqual({ name: ns.name, policy: 'allow' });
    expect(items).toContainEqual({ name: 'kube-system', policy: 'deny' });
    const names = items.map(i => i.name);
    expect(names).toEqual([...names].sort());
  });

  it('lists Secret and ConfigMap keys, never their values', async () => {
    const secrets = await request(server).get(
      `${BASE}/clusters/local/namespaces/${ns.name}/secrets`,
    );
    const configMaps = await request(server).get(
      `${BASE}/clusters/local/namespaces/${ns.name}/configmaps`,
    );

    expect(secrets.status).toBe(200);
    expect(secrets.body.items).toContainEqual({
      name: 'itest-secret',
      type: 'Opaque',
      keys: ['config.json', 'token'],
    });
    expect(configMaps.status).toBe(200);
    expect(configMaps.body.items).toContainEqual({
      name: 'itest-config',
      keys: ['a', 'b.yaml', 'blob'],
    });
    const everything = [secrets.text, configMaps.text, ...logs].join('\n');
    expect(everything).not.toContain(MARKER);
    expect(everything).not.toContain(MARKER_B64);
    expect(everything).not.toContain(cluster.portalToken);
  });

  it('refuses Secrets of a namespace the portal may not list, with the reason', async () => {
    const response = await request(server).get(
      `${BASE}/clusters/local/namespaces/kube-system/secrets`,
    );
    expect(response.status).toBe(503);
    expect(response.body.error.message).toContain('HTTP 403');
  });

  it('previews the placement the tab and the DaemonSet controller then show', async () => {
    const input = wizardInput();
    const fleetNames = new Set(cluster.fleet.map(n => n.name));

    // The extra node is in the shared node cache, and Ready: a new node carries the
    // not-ready taint until kwok reports it Ready and the node lifecycle controller lifts it.
    const extraReason = `taint ${EXTRA_TAINT.key}=${EXTRA_TAINT.value}:NoSchedule not tolerated`;
    let lastPreview: PlacementPreview | undefined;
    const first = await eventuallyValue(
      'the extra node, Ready, in the preview',
      async () => {
        lastPreview = await preview(input);
        return lastPreview.excluded.some(
          g => g.examples.includes(EXTRA_NODE) && g.reason === extraReason,
        )
          ? lastPreview
          : undefined;
      },
      { describe: () => shown(lastPreview) },
    );
    expect(first.totalNodes).toBeGreaterThanOrEqual(fleetNames.size + 1);
    expect(first.excluded.find(g => g.examples.includes(EXTRA_NODE))).toEqual({
      kind: 'taint',
      reason: extraReason,
      count: 1,
      examples: [EXTRA_NODE],
    });
    const kinds = new Set(first.excluded.map(g => g.kind));
    expect(kinds).toContain('nodeSelector'); // disktype=hdd nodes
    expect(kinds).toContain('taint'); // the extra node (GPU and control plane are hdd)
    // A NotReady ssd node (tainted not-ready) is excluded for the node's state.
    const notReadySsd = cluster.fleet.some(
      n => !n.kwokManaged && n.labels.disktype === 'ssd',
    );
    expect(kinds.has('unschedulable')).toBe(notReadySsd);
    // A cordoned node stays eligible, as for the DaemonSet controller.
    const cordoned = cluster.fleet.filter(
      n => n.unschedulable && n.taints.length === 0 && n.kwokManaged,
    );
    for (const node of cordoned) {
      const excluded = first.excluded.some(g => g.examples.includes(node.name));
      expect({ node: node.name, excluded }).toEqual({
        node: node.name,
        excluded: node.labels.disktype !== 'ssd',
      });
    }
    expect(first.cost.perPod).toEqual({ cpu: 0.1, memory: 64 * 1024 * 1024 });
    expect(first.cost.fleet.cpu).toBeCloseTo(0.1 * first.eligibleNodes, 9);

    // The DaemonSet the generator builds from the same input, applied for real.
    const { daemonSet } = buildDaemonSetManifests(input);
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: daemonSet as V1DaemonSet,
    });

    // The tab's rows agree node for node (same reasons, same counts).
    let lastSeen: unknown;
    const agreed = await eventuallyValue(
      'the tab to agree with the preview',
      async () => {
        const status = await request(server).get(
          `${BASE}/entity/default/component/${APP}/status`,
        );
        const body: EntityDaemonSetStatus = status.body;
        const report = body.clusters?.[0]?.daemonSets?.[0];
        const placement = await preview(input);
        lastSeen = { report, placement };
        return report !== undefined &&
          report.nodes.length === placement.totalNodes &&
          report.nodes.filter(r => r.eligibility.eligible).length ===
            placement.eligibleNodes &&
          JSON.stringify(tabGroups(report.nodes)) ===
            JSON.stringify(previewGroups(placement))
          ? { report, placement }
          : undefined;
      },
      { describe: () => shown(lastSeen) },
    );
    expect(tabGroups(agreed.report.nodes)).toEqual(
      previewGroups(agreed.placement),
    );

    // And so does the DaemonSet controller itself.
    let lastStatus: V1DaemonSet['status'];
    const controller = await eventuallyValue(
      'the DaemonSet controller to count its nodes',
      async () => {
        const ds = await apps.readNamespacedDaemonSet({
          name: APP,
          namespace: ns.name,
        });
        lastStatus = ds.status;
        return lastStatus?.observedGeneration === 1 ? lastStatus : undefined;
      },
      { describe: () => shown(lastStatus) },
    );
    expect(controller.desiredNumberScheduled).toBe(
      agreed.placement.eligibleNodes,
    );
    // eslint-disable-next-line no-console
    console.log(
      `placement on ${agreed.placement.totalNodes} nodes: ${
        agreed.placement.eligibleNodes
      } eligible, excluded ${JSON.stringify(previewGroups(agreed.placement))}`,
    );
  });

  it('follows a toleration and a GPU model in the form', async () => {
    const tolerating = await preview({
      ...wizardInput(),
      scheduling: {
        nodeSelector: { disktype: 'ssd' },
        tolerations: [{ key: EXTRA_TAINT.key, operator: 'Exists' }],
      },
    });
    expect(tolerating.excluded.some(g => g.examples.includes(EXTRA_NODE))).toBe(
      false,
    );

    const gpuNodes = cluster.fleet.filter(n => n.pool === 'gpu');
    const model = gpuNodes[0].labels['nvidia.com/gpu.product'];
    const gpu = await preview({
      containers: [{ name: 'agent', gpu: { model, count: 1 } }],
      scheduling: {
        tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }],
      },
    });
    const sameModel = gpuNodes.filter(
      n => n.kwokManaged && n.labels['nvidia.com/gpu.product'] === model,
    );
    expect(gpu.eligibleNodes).toBe(sameModel.length);
    expect(gpu.cost.perPod['nvidia.com/gpu']).toBe(1);
  });
});
