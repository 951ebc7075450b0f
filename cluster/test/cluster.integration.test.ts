/**
 * Integration tests against the real control plane + kwok (starts it if needed: 20 nodes, seed 1).
 * When the cluster cannot be built here (no Go): fails under CI, otherwise every test is skipped
 * with the reason (decided before the tests are declared).
 */
import { after, before, describe, test as nodeTest } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NodeSpec, NodeTaint } from '../src/fleet.ts';
import { KubeClient, KubeError } from '../src/kube.ts';
import { FLEET_LABEL, fleetHealth } from '../src/nodes.ts';
import { countReadyNodes } from '../src/fleetWait.ts';
import type { KubeObject } from '../src/kube.ts';
import {
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
} from '../testing/index.ts';
import type { TestCluster, TestNamespace } from '../testing/index.ts';

type Pod = KubeObject & {
  spec: { nodeName?: string; containers: { image: string }[] };
  status: {
    phase?: string;
    conditions?: { type: string; status: string }[];
    containerStatuses?: {
      ready: boolean;
      restartCount: number;
      state?: { waiting?: { reason?: string; message?: string } };
      lastState?: { terminated?: { exitCode: number; reason?: string } };
    }[];
  };
};
type DsStatus = Record<string, number | undefined>;
type DaemonSet = KubeObject & {
  status?: DsStatus;
  metadata: KubeObject['metadata'] & { generation?: number };
};

const WAIT_MS = 60_000;

async function waitUntil<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out waiting for ${what}${lastError ? `: ${lastError}` : ''}`,
      );
    await sleep(500);
  }
}

interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: string;
}

// Tolerations the DaemonSet controller adds to every daemon pod (hostNetwork adds network-unavailable).
const CONTROLLER_TOLERATIONS: Toleration[] = [
  {
    key: 'node.kubernetes.io/not-ready',
    operator: 'Exists',
    effect: 'NoExecute',
  },
  {
    key: 'node.kubernetes.io/unreachable',
    operator: 'Exists',
    effect: 'NoExecute',
  },
  {
    key: 'node.kubernetes.io/disk-pressure',
    operator: 'Exists',
    effect: 'NoSchedule',
  },
  {
    key: 'node.kubernetes.io/memory-pressure',
    operator: 'Exists',
    effect: 'NoSchedule',
  },
  {
    key: 'node.kubernetes.io/pid-pressure',
    operator: 'Exists',
    effect: 'NoSchedule',
  },
  {
    key: 'node.kubernetes.io/unschedulable',
    operator: 'Exists',
    effect: 'NoSchedule',
  },
];

function tolerates(t: Toleration, taint: NodeTaint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (!t.key) return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
}

/**
 * Taints the API adds on its own: new nodes get not-ready:NoSchedule at admission, and the node
 * lifecycle controller keeps it (or swaps it for unreachable) until the node reports Ready, which
 * our unmanaged "NotReady" nodes never do. Cordoned nodes get unschedulable:NoSchedule.
 */
function effectiveTaints(n: NodeSpec): NodeTaint[] {
  const taints = [...n.taints];
  if (!n.kwokManaged)
    taints.push({ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' });
  if (n.unschedulable)
    taints.push({
      key: 'node.kubernetes.io/unschedulable',
      effect: 'NoSchedule',
    });
  return taints;
}

/** Nodes where the DaemonSet controller should place a pod. */
function eligibleNodes(
  fleet: NodeSpec[],
  nodeSelector: Record<string, string>,
  tolerations: Toleration[],
): string[] {
  const all = [...tolerations, ...CONTROLLER_TOLERATIONS];
  return fleet
    .filter(n =>
      Object.entries(nodeSelector).every(
        ([k, v]) => ({ ...n.labels, [FLEET_LABEL]: 'kwok' }[k] === v),
      ),
    )
    .filter(n =>
      effectiveTaints(n).every(taint => all.some(t => tolerates(t, taint))),
    )
    .map(n => n.name)
    .sort();
}

function daemonSet(
  namespace: string,
  name: string,
  opts: {
    image: string;
    nodeSelector?: Record<string, string>;
    tolerations?: Toleration[];
    annotations?: Record<string, string>;
  },
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: '50%' },
      },
      template: {
        metadata: { labels: { app: name }, annotations: opts.annotations },
        spec: {
          nodeSelector: opts.nodeSelector,
          tolerations: opts.tolerations,
          terminationGracePeriodSeconds: 0,
          containers: [
            {
              name: 'agent',
              image: opts.image,
              resources: { requests: { cpu: '10m', memory: '16Mi' } },
            },
          ],
        },
      },
    },
  };
}

const isReady = (p: Pod) =>
  p.status.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ??
  false;

describe('local cluster', () => {
  // Throws under CI when no cluster can be had (the file fails); otherwise every test below
  // is skipped with this reason.
  const skip = clusterSkipReason();
  const test = (name: string, fn: (t: TestContext) => void | Promise<void>) =>
    nodeTest(name, { skip }, fn);
  let cluster: TestCluster;
  let ns: TestNamespace;
  let admin: KubeClient;
  let portal: KubeClient;

  before(async () => {
    if (skip) return;
    cluster = await getTestCluster();
    const ca = Buffer.from(cluster.caData, 'base64');
    admin = new KubeClient({
      server: cluster.server,
      ca,
      token: cluster.adminToken,
    });
    portal = new KubeClient({
      server: cluster.server,
      ca,
      token: cluster.portalToken,
    });
    ns = await createTestNamespace(cluster, 'cluster-it');
  });

  after(async () => {
    await ns?.cleanup();
    admin?.close();
    portal?.close();
  });

  const pods = (name: string) =>
    admin.list<Pod>(
      `/api/v1/namespaces/${ns.name}/pods`,
      `labelSelector=app%3D${name}`,
    );
  const getDs = (name: string) =>
    admin.get<DaemonSet>(
      `/apis/apps/v1/namespaces/${ns.name}/daemonsets/${name}`,
    );

  test('status reports every component up', t => {
    const out = execFileSync(
      process.execPath,
      [join(import.meta.dirname, '..', 'src', 'cli.ts'), 'status', '--json'],
      { encoding: 'utf8' },
    );
    const report = JSON.parse(out) as {
      components: Record<string, { healthy: boolean }>;
      nodes: { total: number };
    };
    for (const [c, s] of Object.entries(report.components))
      assert.ok(s.healthy, `${c} is not healthy`);
    assert.equal(report.nodes.total, cluster.fleet.length);
  });

  // The fleet label keeps nodes other suites add to the shared cluster out of the prediction.
  const selector = {
    'kubernetes.io/os': 'linux',
    disktype: 'ssd',
    [FLEET_LABEL]: 'kwok',
  };
  const tolerations: Toleration[] = [
    { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' },
  ];

  test('DaemonSet: one Ready pod on every eligible node and none elsewhere', async t => {
    const expected = eligibleNodes(cluster.fleet, selector, tolerations);
    assert.ok(expected.length > 0);
    t.diagnostic(`eligible nodes: ${expected.join(' ')}`);
    await admin.apply(
      daemonSet(ns.name, 'probe', {
        image: 'registry.example.com/probe:1.0',
        nodeSelector: selector,
        tolerations,
      }),
    );

    const ready = await waitUntil('all probe pods Ready', async () => {
      const list = await pods('probe');
      return list.length === expected.length && list.every(isReady) && list;
    });
    assert.deepEqual(ready.map(p => p.spec.nodeName).sort(), expected);
    for (const p of ready) assert.equal(p.status.phase, 'Running');

    const ds = await waitUntil('probe status settled', async () => {
      const d = await getDs('probe');
      const s = d?.status ?? {};
      return (
        s.desiredNumberScheduled === expected.length &&
        s.numberReady === expected.length &&
        s.numberAvailable === expected.length &&
        d
      );
    });
    t.diagnostic(`status: ${JSON.stringify(ds.status)}`);
    assert.equal(ds.status!.currentNumberScheduled, expected.length);
    assert.equal(ds.status!.numberMisscheduled, 0);
    assert.equal(ds.status!.updatedNumberScheduled, expected.length);
    assert.equal(ds.status!.numberUnavailable ?? 0, 0);

    // Nodes the fleet marks NotReady never become Ready and get no daemon pod.
    const notReady = cluster.fleet.filter(n => !n.kwokManaged).map(n => n.name);
    for (const name of notReady)
      assert.ok(
        !ready.some(p => p.spec.nodeName === name),
        `pod on NotReady node ${name}`,
      );
  });

  test('DaemonSet rollout: every pod moves to the new revision', async t => {
    const expected = eligibleNodes(cluster.fleet, selector, tolerations);
    await admin.apply(
      daemonSet(ns.name, 'probe', {
        image: 'registry.example.com/probe:2.0',
        nodeSelector: selector,
        tolerations,
      }),
    );
    const ds = await waitUntil('rollout complete', async () => {
      const d = await getDs('probe');
      const s = d?.status ?? {};
      return (
        s.observedGeneration === d?.metadata.generation &&
        s.updatedNumberScheduled === expected.length &&
        s.numberReady === expected.length &&
        s.numberAvailable === expected.length &&
        d
      );
    });
    t.diagnostic(`status after rollout: ${JSON.stringify(ds.status)}`);
    const revisions = await admin.list<KubeObject & { revision: number }>(
      `/apis/apps/v1/namespaces/${ns.name}/controllerrevisions`,
      'labelSelector=app%3Dprobe',
    );
    const newest = revisions.sort((a, b) => b.revision - a.revision)[0];
    const hash = (newest.metadata.labels as Record<string, string>)[
      'controller-revision-hash'
    ];
    assert.ok(revisions.length >= 2, 'a new ControllerRevision was created');
    const list = await waitUntil('old pods gone', async () => {
      const l = await pods('probe');
      return l.length === expected.length && l;
    });
    for (const p of list) {
      assert.equal(
        (p.metadata.labels as Record<string, string>)[
          'controller-revision-hash'
        ],
        hash,
      );
      assert.equal(
        p.spec.containers[0].image,
        'registry.example.com/probe:2.0',
      );
      assert.ok(isReady(p));
    }
  });

  const oneNode = () =>
    cluster.fleet.find(
      n => n.pool === 'general' && n.kwokManaged && !n.unschedulable,
    )!.name;

  /**
   * "A little later", as an event rather than a sleep: a healthy pod created on the same node
   * after `name`'s has gone through kwok's stages to Ready, so kwok has had its turn at `name`'s
   * pod since (and a later stage, such as pod-ready, would have fired by then).
   */
  async function kwokMovedOnFrom(node: string, name: string): Promise<void> {
    const marker = `${name}-later`;
    await admin.apply(
      daemonSet(ns.name, marker, {
        image: 'registry.example.com/marker:1.0',
        nodeSelector: { 'kubernetes.io/hostname': node },
      }),
    );
    await waitUntil(`${marker} Ready`, async () => {
      const l = await pods(marker);
      return l.length === 1 && isReady(l[0]);
    });
  }

  test('failure stage: image under registry.invalid stays Pending with ImagePullBackOff', async t => {
    const node = oneNode();
    await admin.apply(
      daemonSet(ns.name, 'badimage', {
        image: 'registry.invalid/agent:1.0',
        nodeSelector: { 'kubernetes.io/hostname': node },
      }),
    );
    const [pod] = await waitUntil('ImagePullBackOff', async () => {
      const l = await pods('badimage');
      return (
        l.length === 1 &&
        l[0].status.containerStatuses?.[0]?.state?.waiting?.reason ===
          'ImagePullBackOff' &&
        l
      );
    });
    assert.equal(pod.spec.nodeName, node);
    assert.equal(pod.status.phase, 'Pending');
    assert.match(
      pod.status.containerStatuses![0].state!.waiting!.message!,
      /^Back-off pulling image "registry\.invalid\/agent:1\.0"/,
    );
    await kwokMovedOnFrom(node, 'badimage');
    const [later] = await pods('badimage');
    assert.equal(later.status.phase, 'Pending', 'still Pending a little later');
    assert.ok(!isReady(later));
    const ds = await getDs('badimage');
    t.diagnostic(`status: ${JSON.stringify(ds?.status)}`);
    assert.equal(ds?.status?.numberReady, 0);
    assert.equal(ds?.status?.numberUnavailable, 1);
  });

  test('failure stage: daemonsets.dev/simulate=crashloop gives CrashLoopBackOff', async t => {
    const node = oneNode();
    await admin.apply(
      daemonSet(ns.name, 'crashy', {
        image: 'registry.example.com/crashy:1.0',
        nodeSelector: { 'kubernetes.io/hostname': node },
        annotations: { 'daemonsets.dev/simulate': 'crashloop' },
      }),
    );
    const [pod] = await waitUntil('CrashLoopBackOff', async () => {
      const l = await pods('crashy');
      return (
        l.length === 1 &&
        l[0].status.containerStatuses?.[0]?.state?.waiting?.reason ===
          'CrashLoopBackOff' &&
        l
      );
    });
    const cs = pod.status.containerStatuses![0];
    assert.equal(pod.status.phase, 'Running');
    assert.ok(!isReady(pod));
    assert.equal(cs.ready, false);
    assert.ok(cs.restartCount >= 1);
    assert.equal(cs.lastState?.terminated?.exitCode, 1);
    assert.equal(cs.lastState?.terminated?.reason, 'Error');
    await kwokMovedOnFrom(node, 'crashy');
    const [later] = await pods('crashy');
    assert.ok(!isReady(later), 'never becomes ready');
    t.diagnostic(`status: ${JSON.stringify((await getDs('crashy'))?.status)}`);
  });

  test('fleet wait: the Table count of Ready nodes matches the full node list', async () => {
    const [table, full] = await Promise.all([
      countReadyNodes(admin),
      fleetHealth(admin),
    ]);
    assert.equal(table.total, full.total);
    assert.equal(table.ready, full.ready);
    assert.equal(table.total, cluster.fleet.length);
    assert.equal(table.ready, cluster.fleet.filter(n => n.kwokManaged).length);
  });

  /** One Ready pod bound to a Ready general node (no scheduler, no DaemonSet). */
  async function readyPod(name: string): Promise<Pod> {
    await admin.create(`/api/v1/namespaces/${ns.name}/pods`, {
      metadata: { name, labels: { app: name } },
      spec: {
        nodeName: oneNode(),
        terminationGracePeriodSeconds: 0,
        containers: [{ name: 'agent', image: 'registry.example.com/a:1' }],
      },
    });
    const [pod] = await waitUntil(`${name} Ready`, async () => {
      const l = await pods(name);
      return l.length === 1 && isReady(l[0]) && l;
    });
    return pod;
  }

  type PodIPs = { podIP?: string; podIPs?: { ip: string }[] };

  test('pod-ready stage: a pod back in Pending with an IP gets Ready again with one IP', async () => {
    const first = (await readyPod('replay')).status as Pod['status'] & PodIPs;
    assert.equal(first.podIPs?.length, 1);
    // What kwok's stage meets when it plays again on a pod that already has an IP: before the
    // stage set only podIP, its patch merged a second IP into podIPs and the API server
    // refused it, leaving the pod Pending.
    await admin.patch(`/api/v1/namespaces/${ns.name}/pods/replay/status`, {
      status: {
        phase: 'Pending',
        conditions: [{ type: 'Ready', status: 'False' }],
      },
    });
    const [again] = await waitUntil('replay Ready again', async () => {
      const l = await pods('replay');
      return l.length === 1 && isReady(l[0]) && l;
    });
    const s = again.status as Pod['status'] & PodIPs;
    assert.equal(s.phase, 'Running');
    assert.equal(s.podIPs?.length, 1);
    assert.equal(s.podIPs?.[0].ip, s.podIP);
    const node = cluster.fleet.find(n => n.name === again.spec.nodeName)!;
    assert.equal(
      s.podIP!.split('.').slice(0, 3).join('.'),
      node.podCIDR.split('.').slice(0, 3).join('.'),
      `${s.podIP} is in ${node.podCIDR}`,
    );
  });

  test('pod stages patch only the version they matched: a stale replay is refused', async () => {
    const pod = await readyPod('stale');
    const stale = pod.metadata.resourceVersion as string;
    await admin.patch(`/api/v1/namespaces/${ns.name}/pods/stale`, {
      metadata: { annotations: { touched: 'yes' } },
    });
    // The shape of the stages' patch, rendered from the copy kwok saw before the change.
    await assert.rejects(
      admin.patch(`/api/v1/namespaces/${ns.name}/pods/stale/status`, {
        metadata: { resourceVersion: stale },
        status: { phase: 'Running', podIP: '10.127.255.254' },
      }),
      (e: unknown) => e instanceof KubeError && e.status === 409,
    );
    const [now] = await pods('stale');
    assert.equal(
      (now.status as PodIPs).podIP,
      (pod.status as PodIPs).podIP,
      'IP unchanged',
    );
  });

  test('RBAC: the portal token reads cluster-wide but deploys only to allowed namespaces', async t => {
    const nodes = await portal.list('/api/v1/nodes');
    assert.ok(nodes.length >= cluster.fleet.length);
    assert.ok(
      (await portal.list(`/apis/apps/v1/namespaces/${ns.name}/daemonsets`))
        .length >= 1,
    );
    await portal.list('/apis/apps/v1/controllerrevisions');
    await portal.list('/apis/events.k8s.io/v1/events');

    const forbidden = async (namespace: string) => {
      await assert.rejects(
        portal.create(
          `/apis/apps/v1/namespaces/${namespace}/daemonsets`,
          daemonSet(namespace, 'nope', { image: 'registry.example.com/x:1' }),
        ),
        (e: unknown) => e instanceof KubeError && e.status === 403,
      );
    };
    await forbidden('kube-system');
    await forbidden(ns.name);

    const allowed = cluster.portalNamespaces[0];
    const name = `portal-${Date.now().toString(36)}`;
    const body = daemonSet(allowed, name, {
      image: 'registry.example.com/x:1',
      nodeSelector: { 'daemonsets.dev/pool': 'none' },
    });
    await portal.create(`/apis/apps/v1/namespaces/${allowed}/daemonsets`, body);
    assert.ok(
      await portal.delete(
        `/apis/apps/v1/namespaces/${allowed}/daemonsets/${name}`,
      ),
    );
  });
});
