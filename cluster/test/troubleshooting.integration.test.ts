/**
 * The local cluster's troubleshooting data is real: kwok's failure stages record Kubernetes
 * events, and the API server's pod log endpoint reaches kwok (the nodes' "kubelet"), which serves
 * the simulated containers' current and previous logs.
 */
import { after, before, describe, test as nodeTest } from 'node:test';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { KubeClient, KubeError } from '../src/kube.ts';
import type { KubeObject } from '../src/kube.ts';
import { layout } from '../src/paths.ts';
import { containerLogPaths } from '../src/simulatedLogs.ts';
import {
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
} from '../testing/index.ts';
import type { TestCluster, TestNamespace } from '../testing/index.ts';

const WAIT_MS = 60_000;

async function waitUntil<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(500);
  }
}

type Event = KubeObject & { type: string; reason: string; message: string };

describe('local cluster: events and container logs', () => {
  const skip = clusterSkipReason();
  const test = (name: string, fn: (t: TestContext) => Promise<void>) =>
    nodeTest(name, { skip }, fn);
  let cluster: TestCluster;
  let admin: KubeClient;
  let ns: TestNamespace;

  before(async () => {
    if (skip) return;
    cluster = await getTestCluster();
    admin = new KubeClient({
      server: cluster.server,
      ca: Buffer.from(cluster.caData, 'base64'),
      token: cluster.adminToken,
    });
    ns = await createTestNamespace(cluster, 'troubleshooting');
  });
  after(async () => {
    await ns?.cleanup();
    admin?.close();
  });

  async function crashingPod(name: string): Promise<string> {
    const node = cluster.fleet.find(
      n => n.pool === 'general' && n.kwokManaged && !n.unschedulable,
    )!.name;
    await admin.apply({
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name, namespace: ns.name },
      spec: {
        selector: { matchLabels: { app: name } },
        template: {
          metadata: {
            labels: { app: name },
            annotations: { 'daemonsets.dev/simulate': 'crashloop' },
          },
          spec: {
            nodeSelector: { 'kubernetes.io/hostname': node },
            containers: [{ name: 'agent', image: 'registry.example.com/a:1' }],
          },
        },
      },
    });
    return waitUntil('a crash-looping pod', async () => {
      const pods = await admin.list<KubeObject & { status?: any }>(
        `/api/v1/namespaces/${ns.name}/pods`,
        `labelSelector=app%3D${name}`,
      );
      const pod = pods.find(
        p =>
          p.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
          'CrashLoopBackOff',
      );
      return pod?.metadata.name;
    });
  }

  test('a crash-looping pod has a BackOff warning event', async () => {
    const pod = await crashingPod('events');
    const selector = encodeURIComponent(
      `involvedObject.kind=Pod,involvedObject.name=${pod}`,
    );
    const event = await waitUntil('a BackOff event', async () =>
      (
        await admin.list<Event>(
          `/api/v1/namespaces/${ns.name}/events`,
          `fieldSelector=${selector}`,
        )
      ).find(e => e.reason === 'BackOff'),
    );
    assert.equal(event.type, 'Warning');
    assert.match(event.message, /Back-off restarting failed container/);
  });

  test('pod logs: current and previous instances differ; follow streams appended lines', async () => {
    const pod = await crashingPod('logs');
    const base = `/api/v1/namespaces/${ns.name}/pods/${pod}/log?container=agent`;
    const current = await admin.request<string>('GET', base);
    const previous = await admin.request<string>(
      'GET',
      `${base}&previous=true`,
    );
    assert.match(current, /current instance/);
    assert.match(previous, /^fatal: cannot open/m);
    assert.notEqual(current, previous);
    const tail = await admin.request<string>('GET', `${base}&tailLines=1`);
    assert.equal(tail.trim().split('\n').length, 1);
    const capped = await admin.request<string>('GET', `${base}&limitBytes=10`);
    assert.equal(Buffer.byteLength(capped), 10);

    // follow: the stream stays open and carries a line written after it started (the API
    // server sends the headers only with the first bytes, so the last line comes first).
    const marker = `appended ${Date.now()}`;
    const url = new URL(`${base}&follow=true&tailLines=1`, cluster.server);
    const seen = await new Promise<string>((resolve, reject) => {
      const req = request(
        url,
        {
          ca: Buffer.from(cluster.caData, 'base64'),
          headers: { Authorization: `Bearer ${cluster.adminToken}` },
        },
        res => {
          if (res.statusCode !== 200) {
            reject(new Error(`HTTP ${res.statusCode}`));
            return;
          }
          let text = '';
          res.on('data', chunk => {
            // Once the stream carries its first line, the "container" writes another.
            if (!text) appendLine(marker).catch(reject);
            text += chunk;
            if (text.includes(marker)) {
              req.destroy();
              resolve(text);
            }
          });
          res.on('end', () => reject(new Error('stream ended')));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.match(seen, new RegExp(marker));
  });

  test('pod logs of a missing pod answer 404', async () => {
    await assert.rejects(
      admin.request('GET', `/api/v1/namespaces/${ns.name}/pods/missing/log`),
      (e: unknown) => e instanceof KubeError && e.status === 404,
    );
  });
});

async function appendLine(text: string): Promise<void> {
  const { appendFile } = await import('node:fs/promises');
  const { criLogLine } = await import('../src/simulatedLogs.ts');
  await appendFile(
    containerLogPaths(layout()).current,
    criLogLine(new Date(), 'stdout', text),
  );
}
