import {
  applyStatusPatch,
  ClusterStatus,
  DaemonSetStatusReport,
  EntityDaemonSetStatus,
  EntityDaemonSetStatusPatch,
  NodeRow,
} from '@daemonsets/plugin-daemonset-common';
import { AppsV1Api, CoreV1Api } from '@kubernetes/client-node';
import { AddressInfo } from 'node:net';
import { Server } from 'node:http';
import request from 'supertest';
import { TestCluster, TestNamespace } from '@daemonsets/local-cluster/testing';
import {
  clusterNamespace,
  clusterSuite,
  labelledDaemonSet,
} from './__testUtils__/cluster';
import {
  componentEntity,
  labelSelectorAnnotations,
  openSse,
  SseReader,
  startBackendWithCluster,
} from './__testUtils__/testBackend';

jest.setTimeout(180_000);

const suite = clusterSuite('DaemonSet status against the local cluster');

const APP = 'itest-agent';
const STATUS = '/api/daemonset/entity/default/component/itest-agent/status';
const EVENTS =
  '/api/daemonset/entity/default/component/itest-agent/status/stream';

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let core: CoreV1Api;
let server: Server;
let logs: string[];
let sse: SseReader;
const extraNode = `itest-node-${Date.now().toString(36)}`;

async function status(): Promise<EntityDaemonSetStatus> {
  const response = await request(server).get(STATUS);
  expect(response.status).toBe(200);
  return response.body;
}

function local(s: EntityDaemonSetStatus): ClusterStatus {
  return s.clusters.find(c => c.cluster === 'local')!;
}

function report(s: EntityDaemonSetStatus): DaemonSetStatusReport | undefined {
  return local(s).daemonSets.find(d => d.daemonSet.name === APP);
}

async function waitForStatus(
  label: string,
  predicate: (r: DaemonSetStatusReport) => boolean,
  timeoutMs = 60_000,
): Promise<DaemonSetStatusReport> {
  const deadline = Date.now() + timeoutMs;
  let last: DaemonSetStatusReport | undefined;
  while (Date.now() < deadline) {
    last = report(await status());
    if (last && predicate(last)) return last;
    await new Promise(r => setTimeout(r, 250));
  }
  throw new Error(
    `timed out waiting for ${label}; last counts: ${JSON.stringify(
      last?.counts,
    )}`,
  );
}

/** Reads SSE events until one satisfies `predicate`; prints how long after `since` it came. */
async function sseUntil(
  label: string,
  since: number,
  predicate: (r: DaemonSetStatusReport) => boolean,
  timeoutMs = 60_000,
): Promise<DaemonSetStatusReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const event = await sse.next(Math.max(1, deadline - Date.now()));
    const r = report(JSON.parse(event.data));
    if (r && predicate(r)) {
      // eslint-disable-next-line no-console
      console.log(
        `SSE: ${label} arrived ${Date.now() - since} ms after the change`,
      );
      return r;
    }
  }
}

const row = (r: DaemonSetStatusReport, node: string): NodeRow | undefined =>
  r.nodes.find(n => n.node.name === node);

const allSettled = (r: DaemonSetStatusReport) =>
  r.nodes.every(n => n.verdict === 'ok' || n.verdict === 'notEligible');

beforeAll(async () => {
  ({ cluster, ns, apps, core } = await clusterNamespace('ds-backend'));

  const backend = await startBackendWithCluster({
    cluster,
    moreClusters: [
      {
        name: 'broken',
        url: 'https://127.0.0.1:1',
        serviceAccountToken: 'broken-token',
      },
    ],
    entities: [componentEntity(APP, labelSelectorAnnotations(APP, ns.name))],
    config: { daemonset: { initialListTimeout: { seconds: 5 } } },
  });
  logs = backend.logs;
  server = backend.server;
  await apps.createNamespacedDaemonSet({
    namespace: ns.name,
    body: labelledDaemonSet(APP, ns.name, 'example.com/agent:1.0', {
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '50%' },
    }),
  });
});

afterAll(async () => {
  sse?.close();
  if (!cluster) return;
  await core.deleteNode({ name: extraNode }).catch(() => undefined);
  await ns.cleanup();
});

suite.describe(suite.title, () => {
  it('shows every node of the fleet with the fleet eligibility, then ok', async () => {
    const started = Date.now();
    const first = await status();
    // eslint-disable-next-line no-console
    console.log(`cold status request: ${Date.now() - started} ms`);
    const broken = first.clusters.find(c => c.cluster === 'broken')!;
    expect(broken.connection.state).toMatch(/reconnecting|failed/);
    expect(broken.error?.message).toBeDefined();
    expect(local(first).connection.state).toBe('connected');

    const settled = await waitForStatus('all rows ok', allSettled);
    for (const node of cluster.fleet) {
      const r = row(settled, node.name);
      expect(r).toBeDefined();
      const blocking = node.taints.some(t => t.effect !== 'PreferNoSchedule');
      const eligible = node.kwokManaged && !blocking;
      expect({ node: node.name, eligible: r!.eligibility.eligible }).toEqual({
        node: node.name,
        eligible,
      });
      expect(r!.verdict).toBe(eligible ? 'ok' : 'notEligible');
      expect(r!.eligibility.reasons.length > 0).toBe(!eligible);
    }
    const gpu = cluster.fleet.find(n => n.pool === 'gpu')!;
    expect(row(settled, gpu.name)!.eligibility.reasons.join()).toContain(
      'nvidia.com/gpu',
    );

    const samples: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = process.hrtime.bigint();
      await request(server).get(STATUS);
      samples.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    samples.sort((a, b) => a - b);
    // eslint-disable-next-line no-console
    console.log(
      `warm status over HTTP, ${
        settled.nodes.length
      } nodes: median ${samples[25].toFixed(2)} ms, p90 ${samples[45].toFixed(
        2,
      )} ms`,
    );
  });

  it('follows a rollout to the new revision, live', async () => {
    const { port } = server.address() as AddressInfo;
    sse = await openSse(`http://127.0.0.1:${port}${EVENTS}`);
    const snapshot = await sse.next();
    expect(snapshot.event).toBe('snapshot');
    const before = report(JSON.parse(snapshot.data))!;
    const oldRevision = before.daemonSet.currentRevision;
    // An image no other test sets: a new revision whatever ran before.
    const image = `example.com/agent:rollout-${Date.now().toString(36)}`;

    const changedAt = Date.now();
    await apps.patchNamespacedDaemonSet({
      namespace: ns.name,
      name: APP,
      body: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: image,
        },
      ],
    });
    await sseUntil(
      'rollout start (new revision)',
      changedAt,
      r => r.daemonSet.currentRevision !== oldRevision,
    );
    const done = await sseUntil(
      'rollout complete',
      changedAt,
      r => allSettled(r) && r.nodes.every(n => !n.pod || n.pod.currentRevision),
      90_000,
    );
    expect(done.daemonSet.images).toEqual([image]);
  });

  it('sends only changed rows as patches that rebuild the full status', async () => {
    const { port } = server.address() as AddressInfo;
    const patches = await openSse(
      `http://127.0.0.1:${port}${EVENTS}?patches=true`,
    );
    try {
      const snapshot = await patches.next();
      expect(snapshot.event).toBe('snapshot');
      let current: EntityDaemonSetStatus = JSON.parse(snapshot.data);
      let version = Number(snapshot.id);
      const rowCount = report(current)!.nodes.length;
      // An image no other test sets: every row changes whatever ran before.
      const image = `example.com/agent:patches-${Date.now().toString(36)}`;

      await apps.patchNamespacedDaemonSet({
        namespace: ns.name,
        name: APP,
        body: [
          {
            op: 'replace',
            path: '/spec/template/spec/containers/0/image',
            value: image,
          },
        ],
      });
      const upserts: number[] = [];
      const deadline = Date.now() + 90_000;
      for (;;) {
        const event = await patches.next(Math.max(1, deadline - Date.now()));
        expect(event.event).toBe('patch');
        const patch: EntityDaemonSetStatusPatch = JSON.parse(event.data);
        expect(patch.base).toBe(version);
        expect(String(patch.version)).toBe(event.id);
        current = applyStatusPatch(current, patch);
        version = patch.version;
        const changes = patch.clusters
          .find(c => c.cluster === 'local')!
          .daemonSets.find(d => d.daemonSet.name === APP)?.nodeChanges;
        upserts.push(changes?.upsert.length ?? 0);
        const r = report(current)!;
        if (
          r.daemonSet.images[0] === image &&
          allSettled(r) &&
          r.nodes.every(n => !n.pod || n.pod.currentRevision)
        ) {
          break;
        }
      }
      // eslint-disable-next-line no-console
      console.log(
        `patches: ${
          upserts.length
        } events, rows upserted per event ${upserts.join(',')} of ${rowCount}`,
      );
      expect(Math.min(...upserts)).toBeLessThan(rowCount);

      // The status rebuilt from patches is the backend's own, version for version.
      let backendStatus: EntityDaemonSetStatus | undefined;
      while (!backendStatus) {
        const response = await request(server).get(STATUS);
        if (response.headers.etag === `W/"${version}"`) {
          backendStatus = response.body;
          continue;
        }
        const event = await patches.next(Math.max(1, deadline - Date.now()));
        const patch: EntityDaemonSetStatusPatch = JSON.parse(event.data);
        expect(patch.base).toBe(version);
        current = applyStatusPatch(current, patch);
        version = patch.version;
      }
      expect(current).toEqual(backendStatus);
    } finally {
      patches.close();
    }
  });

  it('reports failing pods with the reason when the image cannot be pulled', async () => {
    const changedAt = Date.now();
    await apps.patchNamespacedDaemonSet({
      namespace: ns.name,
      name: APP,
      body: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'registry.invalid/agent:broken',
        },
      ],
    });
    const failing = await sseUntil(
      'failing rows',
      changedAt,
      r => r.counts.failing > 0,
    );
    const failed = failing.nodes.find(n => n.verdict === 'failing')!;
    expect(`${failed.reason} ${failed.pod?.reason}`).toMatch(
      /ImagePull|ErrImage/,
    );

    await apps.patchNamespacedDaemonSet({
      namespace: ns.name,
      name: APP,
      body: [
        {
          op: 'replace',
          path: '/spec/template/spec/containers/0/image',
          value: 'example.com/agent:2.0',
        },
      ],
    });
    await waitForStatus('recovered', allSettled, 90_000);
  });

  it('follows a node that appears, gets tainted and disappears', async () => {
    let changedAt = Date.now();
    await core.createNode({
      body: {
        metadata: {
          name: extraNode,
          labels: {
            'kubernetes.io/hostname': extraNode,
            'kubernetes.io/os': 'linux',
          },
          annotations: { 'kwok.x-k8s.io/node': 'fake' },
        },
        status: {
          capacity: { cpu: '2', memory: '8Gi', pods: '110' },
          allocatable: { cpu: '2', memory: '8Gi', pods: '110' },
        },
      },
    });
    await sseUntil(
      'new node ok',
      changedAt,
      r => row(r, extraNode)?.verdict === 'ok',
      60_000,
    );

    changedAt = Date.now();
    await core.patchNode({
      name: extraNode,
      body: [
        {
          op: 'add',
          path: '/spec/taints',
          value: [{ key: 'itest', value: 'x', effect: 'NoSchedule' }],
        },
      ],
    });
    const tainted = await sseUntil(
      'tainted node not eligible',
      changedAt,
      r => {
        const r2 = row(r, extraNode);
        return r2 !== undefined && !r2.eligibility.eligible;
      },
    );
    const taintedRow = row(tainted, extraNode)!;
    expect(taintedRow.eligibility.reasons.join()).toContain(
      'itest=x:NoSchedule',
    );
    // A NoSchedule taint leaves the running pod in place: misscheduled.
    expect(taintedRow.verdict).toBe('misscheduled');

    changedAt = Date.now();
    await core.deleteNode({ name: extraNode });
    await sseUntil(
      'deleted node gone',
      changedAt,
      r => row(r, extraNode) === undefined,
    );
  });

  it('keeps the broken cluster apart and never leaks credentials', async () => {
    const s = await status();
    const broken = s.clusters.find(c => c.cluster === 'broken')!;
    expect(broken.connection).toMatchObject({
      state: expect.stringMatching(/reconnecting|failed/),
      reason: expect.stringContaining('ECONNREFUSED'),
    });
    expect(local(s).connection.state).toBe('connected');
    const text = `${JSON.stringify(s)}\n${logs.join('\n')}`;
    expect(text).not.toContain(cluster.portalToken);
    expect(text).not.toContain(cluster.caData);
    expect(text).not.toContain('broken-token');
  });
});
