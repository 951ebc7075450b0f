import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuditorService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PodEventList,
  PodRestartResult,
} from '@daemonsets/plugin-daemonset-common';
import {
  clusterConfigFor,
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import {
  AppsV1Api,
  CoreV1Api,
  KubeConfig,
  V1DaemonSet,
  V1Pod,
} from '@kubernetes/client-node';
import { appendFile } from 'node:fs/promises';
import http, { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import request from 'supertest';
import { capturingLogger, openSse } from '../__testUtils__/testBackend';
import { daemonSetPlugin } from '../plugin';

jest.setTimeout(180_000);

const skipReason = clusterSkipReason();
const describeWithCluster = skipReason ? describe.skip : describe;
const SUITE = `Pod troubleshooting routes against the local cluster${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

const APP = 'ts-agent';
const OTHER = 'ts-other';
const LOG_CAP = 64;
const ENTITY = '/api/daemonset/entity/default/component/ts-agent';

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let core: CoreV1Api;
let server: Server;
let deniedServer: Server;
let logs: string[];
const audits: { eventId: string; outcome: string; meta?: object }[] = [];

/** Records every audit event and its outcome. */
const auditorFactory = createServiceFactory({
  service: coreServices.auditor,
  deps: {},
  factory: (): AuditorService => ({
    async createEvent(options) {
      return {
        async success(s) {
          audits.push({
            eventId: options.eventId,
            outcome: 'success',
            meta: { ...options.meta, ...s?.meta },
          });
        },
        async fail(f) {
          audits.push({
            eventId: options.eventId,
            outcome: 'fail',
            meta: options.meta,
          });
          void f;
        },
      };
    },
  }),
});

/** Allows everything but the named permissions. */
function permissionsDenying(names: string[]) {
  const decide = (name: string) =>
    names.includes(name) ? AuthorizeResult.DENY : AuthorizeResult.ALLOW;
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () =>
      ({
        async authorize(requests: { permission: { name: string } }[]) {
          return requests.map(r => ({ result: decide(r.permission.name) }));
        },
        async authorizeConditional(
          requests: { permission: { name: string } }[],
        ) {
          return requests.map(r => ({ result: decide(r.permission.name) }));
        },
      } as any),
  });
}

function daemonSet(name: string, node: string): V1DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: ns.name, labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: { type: 'OnDelete' },
      template: {
        metadata: {
          labels: { app: name },
          annotations: { 'daemonsets.dev/simulate': 'crashloop' },
        },
        spec: {
          nodeSelector: { 'kubernetes.io/hostname': node },
          containers: [
            { name: 'agent', image: 'registry.example.com/agent:1.0' },
            { name: 'sidecar', image: 'registry.example.com/sidecar:1.0' },
          ],
        },
      },
    },
  };
}

async function podOf(name: string, notUid?: string): Promise<V1Pod> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const list = await core.listNamespacedPod({
      namespace: ns.name,
      labelSelector: `app=${name}`,
    });
    const pod = list.items.find(
      p =>
        p.metadata?.uid !== notUid &&
        !p.metadata?.deletionTimestamp &&
        p.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
          'CrashLoopBackOff',
    );
    if (pod) return pod;
    if (Date.now() > deadline)
      throw new Error(`no crash-looping pod of ${name}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

const podPath = (pod: V1Pod) =>
  `${ENTITY}/pods/local/${ns.name}/${pod.metadata!.name}`;

/** Reads a streamed answer until `until` matches its text; resolves with what it read. */
function readUntil(
  url: string,
  until: (text: string) => boolean,
  onFirstData: () => void,
): Promise<{
  status: number;
  text: string;
  headers: http.IncomingHttpHeaders;
}> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, res => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        if (!text) onFirstData();
        text += chunk;
        if (until(text)) {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, text, headers: res.headers });
        }
      });
      res.on('end', () => reject(new Error(`stream ended: ${text}`)));
    });
    req.on('error', reject);
  });
}

beforeAll(async () => {
  if (skipReason) return;
  cluster = await getTestCluster();
  ns = await createTestNamespace(cluster, 'ds-troubleshooting');
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(cluster.kubeconfigPath);
  apps = kubeConfig.makeApiClient(AppsV1Api);
  core = kubeConfig.makeApiClient(CoreV1Api);
  const node = cluster.fleet.find(
    n => n.pool === 'general' && n.kwokManaged && !n.unschedulable,
  )!.name;

  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: APP,
      namespace: 'default',
      annotations: {
        'backstage.io/kubernetes-label-selector': `app=${APP}`,
        'backstage.io/kubernetes-namespace': ns.name,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
  const config = {
    daemonset: { logs: { maxBytes: LOG_CAP } },
    // The portal's own RBAC grants pod logs and deletes only in its deploy namespaces; this test
    // works in its own namespace, so the backend acts with the admin token.
    ...clusterConfigFor(cluster, { token: cluster.adminToken }),
  };
  const captured = capturingLogger();
  logs = captured.lines;
  const start = (denied: string[]) =>
    startTestBackend({
      features: [
        daemonSetPlugin,
        captured.factory,
        auditorFactory,
        mockServices.rootConfig.factory({ data: config }),
        catalogServiceMock.factory({ entities: [entity] }),
        permissionsDenying(denied),
      ],
    });
  server = (await start([])).server;
  deniedServer = (
    await start(['daemonset.pod.logs.read', 'daemonset.pod.delete'])
  ).server;
  for (const name of [APP, OTHER]) {
    await apps.createNamespacedDaemonSet({
      namespace: ns.name,
      body: daemonSet(name, node),
    });
  }
});

afterAll(async () => {
  if (!cluster) return;
  await ns.cleanup();
});

describeWithCluster(SUITE, () => {
  it('lists the pod events newest first, with the BackOff warning', async () => {
    const pod = await podOf(APP);
    let list: PodEventList | undefined;
    const deadline = Date.now() + 30_000;
    while (!list?.events.some(e => e.reason === 'BackOff')) {
      const res = await request(server).get(`${podPath(pod)}/events`);
      expect(res.status).toBe(200);
      list = res.body;
      if (Date.now() > deadline) throw new Error(JSON.stringify(list));
    }
    expect(list.pod).toBe(pod.metadata!.name);
    expect(list.node).toBe(pod.spec!.nodeName);
    const backOff = list.events.find(e => e.reason === 'BackOff')!;
    expect(backOff).toMatchObject({
      type: 'Warning',
      involvedObject: { kind: 'Pod', name: pod.metadata!.name },
    });
    const times = list.events.map(e => Date.parse(e.lastSeen!));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('streams the events live and sends a new one as it is recorded', async () => {
    const pod = await podOf(APP);
    const { port } = server.address() as AddressInfo;
    const sse = await openSse(
      `http://127.0.0.1:${port}${podPath(pod)}/events/stream`,
    );
    try {
      expect(sse.status).toBe(200);
      const first = await sse.next();
      expect(first.event).toBe('events');
      const reason = `ItestProbe${Date.now()}`;
      // The API server keeps whole seconds of lastTimestamp while the scheduler's eventTime has
      // microseconds: a probe within the second of a young pod's Scheduled event would tie or
      // sort before it, so it is dated into the next second after the newest event so far.
      const seen = (JSON.parse(first.data) as PodEventList).events.map(e =>
        Date.parse(e.lastSeen ?? ''),
      );
      const newest = Math.max(0, ...seen.filter(t => !Number.isNaN(t)));
      const now = new Date(
        Math.max(Date.now(), Math.floor(newest / 1000) * 1000 + 1000),
      );
      await core.createNamespacedEvent({
        namespace: ns.name,
        body: {
          metadata: { generateName: 'itest-', namespace: ns.name },
          involvedObject: {
            kind: 'Pod',
            name: pod.metadata!.name,
            namespace: ns.name,
            uid: pod.metadata!.uid,
          },
          type: 'Warning',
          reason,
          message: 'probe event written by the test',
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          source: { component: 'itest' },
        },
      });
      let list: PodEventList;
      do {
        list = JSON.parse((await sse.next(30_000)).data);
      } while (!list.events.some(e => e.reason === reason));
      // The newest event comes first.
      expect(list.events[0].reason).toBe(reason);
    } finally {
      sse.close();
    }
  });

  it('reads current and previous logs, tail, the byte cap and a download', async () => {
    const pod = await podOf(APP);
    const logsOf = (query: string) =>
      request(server)
        .get(`${podPath(pod)}/logs?${query}`)
        .buffer(true);
    const current = await logsOf('container=agent&tailLines=1');
    expect(current.status).toBe(200);
    expect(current.headers['content-type']).toMatch(/^text\/plain/);
    expect(current.text.trim().split('\n')).toHaveLength(1);
    const none = await logsOf('container=agent&tailLines=0');
    expect(none.status).toBe(200);
    expect(none.text).toBe('');
    const previous = await logsOf(
      'container=sidecar&previous=true&tailLines=2',
    );
    expect(previous.status).toBe(200);
    expect(previous.text).toMatch(/^fatal: cannot open/m);
    expect(previous.text).not.toEqual(current.text);

    const capped = await logsOf('limitBytes=100000');
    expect(capped.status).toBe(200);
    expect(Buffer.byteLength(capped.text)).toBe(LOG_CAP);

    const download = await logsOf('previous=true&download=true');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="${pod.metadata!.name}_agent_previous.log"`,
    );

    const bad = await logsOf('container=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(
      /^container: 'nope' is not a container/,
    );
    expect((await logsOf('tailLines=abc')).status).toBe(400);
  });

  it('follows a log: new lines arrive on the open answer', async () => {
    const pod = await podOf(APP);
    const { port } = server.address() as AddressInfo;
    const marker = `followed line ${Date.now()}`;
    const file = join(
      dirname(cluster.kubeconfigPath),
      'container-logs',
      'current.log',
    );
    const read = await readUntil(
      `http://127.0.0.1:${port}${podPath(pod)}/logs?follow=true&tailLines=1`,
      text => text.includes(marker),
      () => {
        const at = new Date().toISOString().replace(/Z$/, '000000Z');
        void appendFile(file, `${at} stdout F ${marker}\n`);
      },
    );
    expect(read.status).toBe(200);
    expect(read.headers['cache-control']).toMatch(/no-transform/);
  });

  it('never logs a log line', () => {
    const all = logs.join('\n');
    expect(all).not.toMatch(
      /fatal: cannot open|simulated container|followed line/,
    );
  });

  it('answers 404 for pods the entity does not own and for missing ones', async () => {
    const other = await podOf(OTHER);
    for (const path of [
      `${podPath(other)}/events`,
      `${podPath(other)}/logs`,
      `${ENTITY}/pods/local/${ns.name}/no-such-pod/events`,
    ]) {
      const res = await request(server).get(path);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(
        /is not a pod of the DaemonSets of/,
      );
    }
    const restart = await request(server).post(`${podPath(other)}/restart`);
    expect(restart.status).toBe(404);
    expect(
      (
        await core.readNamespacedPod({
          namespace: ns.name,
          name: other.metadata!.name!,
        })
      ).metadata!.uid,
    ).toBe(other.metadata!.uid);
    const badCluster = await request(server).get(
      `${ENTITY}/pods/elsewhere/${ns.name}/x/events`,
    );
    expect(badCluster.status).toBe(400);
    expect(badCluster.body.error.message).toMatch(/^cluster: 'elsewhere'/);
  });

  it('answers 401 without credentials and 403 without the permissions', async () => {
    const pod = await podOf(APP);
    const none = await request(server)
      .get(`${podPath(pod)}/events`)
      .set('Authorization', mockCredentials.none.header());
    expect(none.status).toBe(401);
    expect(
      (await request(deniedServer).get(`${podPath(pod)}/events`)).status,
    ).toBe(200);
    const logsRes = await request(deniedServer).get(`${podPath(pod)}/logs`);
    expect(logsRes.status).toBe(403);
    expect(logsRes.body.error.message).toMatch(/daemonset\.pod\.logs\.read/);
    const restart = await request(deniedServer).post(`${podPath(pod)}/restart`);
    expect(restart.status).toBe(403);
    expect(audits.at(-1)).toMatchObject({
      eventId: 'pod-restart',
      outcome: 'fail',
    });
  });

  it('restarts a pod: deletes exactly it, audits, and the DaemonSet replaces it', async () => {
    const pod = await podOf(APP);
    const res = await request(server).post(`${podPath(pod)}/restart`);
    expect(res.status).toBe(200);
    const result = res.body as PodRestartResult;
    expect(result).toMatchObject({
      cluster: 'local',
      namespace: ns.name,
      pod: pod.metadata!.name,
      uid: pod.metadata!.uid,
      node: pod.spec!.nodeName,
    });
    expect(audits.at(-1)).toMatchObject({
      eventId: 'pod-restart',
      outcome: 'success',
      meta: { uid: pod.metadata!.uid, daemonSet: APP },
    });
    const replacement = await podOf(APP, pod.metadata!.uid);
    expect(replacement.metadata!.uid).not.toBe(pod.metadata!.uid);
    expect(replacement.spec!.nodeName).toBe(pod.spec!.nodeName);
  });
});
