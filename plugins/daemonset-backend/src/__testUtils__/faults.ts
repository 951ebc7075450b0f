import {
  ClusterConfigEntry,
  createTestNamespace,
  TestCluster,
  TestClusterOptions,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import type {
  ClusterStatus,
  EntityDaemonSetStatus,
} from '@daemonsets/plugin-daemonset-common';
import { AppsV1Api } from '@kubernetes/client-node';
import { Server } from 'node:http';
import net, { AddressInfo } from 'node:net';
import request from 'supertest';
import { adminKubeConfig, clusterSuite, labelledDaemonSet } from './cluster';
import {
  componentEntity,
  labelSelectorAnnotations,
  openSse,
  SseReader,
  startBackendWithCluster,
} from './testBackend';

export { adminKubeConfig } from './cluster';

/**
 * The fault tests' own local cluster (`.cluster-faults`, ports +2000): they stop and restart its
 * API server and etcd, so the shared `.cluster` of the other tests is never touched. Started on
 * first use (10 nodes) and left running. FAULTS_CLUSTER_HOME / FAULTS_CLUSTER_PORT_OFFSET name
 * another one, so that two sessions on one machine do not stop each other's control plane.
 */
export const FAULTS: TestClusterOptions = {
  home: process.env.FAULTS_CLUSTER_HOME ?? '.cluster-faults',
  portOffset: Number(process.env.FAULTS_CLUSTER_PORT_OFFSET ?? 2000),
  nodes: 10,
};

/**
 * Decided when a fault test file loads, before it declares its tests: under CI a missing cluster
 * fails the file (throws); elsewhere its suite is skipped, with the reason in its name.
 */
export function faultSuite(title: string): {
  describe: jest.Describe;
  title: string;
} {
  return clusterSuite(title, FAULTS);
}

/** The DaemonSet each fault test creates in its own namespace. */
export const APP = 'fault-agent';
/** How long a status request waits for a cluster's first list. */
export const INITIAL_LIST_TIMEOUT_MS = 4000;

export const statusPath = (name: string) =>
  `/api/daemonset/entity/default/component/${name}/status`;
export const eventsPath = (name: string) =>
  `/api/daemonset/entity/default/component/${name}/status/stream`;

export const clusterOf = (
  s: EntityDaemonSetStatus,
  name: string,
): ClusterStatus => s.clusters.find(c => c.cluster === name)!;

export const imagesOf = (s: EntityDaemonSetStatus) =>
  clusterOf(s, 'local').daemonSets.find(d => d.daemonSet.name === APP)
    ?.daemonSet.images ?? [];

export const connectionLabel = (c: ClusterStatus['connection']) =>
  `${c.state}${'reason' in c ? ` (${c.reason})` : ''}`;

/** A test's own namespace, DaemonSet and backend; `stop()` removes all three. */
export interface FaultScenario {
  ns: TestNamespace;
  server: Server;
  port: number;
  /** Every line the plugin logged. */
  logs: string[];
  /** `GET .../status` of an entity, with how long it took (a figure to print, not a bound). */
  status(name: string): Promise<{ ms: number; body: EntityDaemonSetStatus }>;
  openEvents(name: string): Promise<SseReader>;
  /** The DaemonSet's image as the API server has it now. */
  currentImage(): Promise<string>;
  setImage(image: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Creates a namespace holding the DaemonSet {@link APP} and starts a backend that reads the
 * faults cluster as `local` (plus `clusters`) with two entities selecting it: `fault-local`
 * (cluster `local` only) and `fault-all` (every configured cluster).
 */
export async function startFaultScenario(
  cluster: TestCluster,
  options: {
    prefix: string;
    daemonset?: object;
    clusters?: ClusterConfigEntry[];
  },
): Promise<FaultScenario> {
  const ns = await createTestNamespace(cluster, options.prefix);
  const apps = adminKubeConfig(cluster).makeApiClient(AppsV1Api);
  await apps.createNamespacedDaemonSet({
    namespace: ns.name,
    body: labelledDaemonSet(APP, ns.name, 'example.com/agent:1.0'),
  });
  const selector = labelSelectorAnnotations(APP, ns.name);
  const backend = await startBackendWithCluster({
    cluster,
    moreClusters: options.clusters,
    entities: [
      componentEntity('fault-local', {
        ...selector,
        'backstage.io/kubernetes-cluster': 'local',
      }),
      componentEntity('fault-all', selector),
    ],
    config: {
      daemonset: {
        initialListTimeout: { milliseconds: INITIAL_LIST_TIMEOUT_MS },
        ...options.daemonset,
      },
    },
  });
  const { port } = backend.server.address() as AddressInfo;
  return {
    ns,
    server: backend.server,
    port,
    logs: backend.logs,
    async status(name) {
      const started = Date.now();
      const response = await request(backend.server).get(statusPath(name));
      expect(response.status).toBe(200);
      return { ms: Date.now() - started, body: response.body };
    },
    openEvents: name => openSse(`http://127.0.0.1:${port}${eventsPath(name)}`),
    async currentImage() {
      const current = await apps.readNamespacedDaemonSet({
        namespace: ns.name,
        name: APP,
      });
      return current.spec!.template.spec!.containers[0].image!;
    },
    async setImage(image) {
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
    },
    async stop() {
      await backend.stop();
      await ns.cleanup().catch(() => undefined);
    },
  };
}

/**
 * Follows an SSE stream, recording the connection state of cluster `name` (`local` unless told)
 * at each event, until `done` holds for an event; returns the timeline (ms after `since`).
 */
export async function follow(
  sse: SseReader,
  since: number,
  done: (s: EntityDaemonSetStatus, seen: string[]) => boolean,
  timeoutMs = 120_000,
  name = 'local',
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  const timeline: string[] = [];
  const seen: string[] = [];
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new Error(`timed out; timeline: ${timeline.join(' → ')}`);
    }
    const event = await sse.next(left).catch(e => {
      throw new Error(`${e.message}; timeline: ${timeline.join(' → ')}`);
    });
    const s: EntityDaemonSetStatus = JSON.parse(event.data);
    const label = connectionLabel(clusterOf(s, name).connection);
    if (seen[seen.length - 1] !== label) {
      seen.push(label);
      timeline.push(`${Date.now() - since} ms ${label}`);
    }
    if (done(s, seen)) return timeline;
  }
}

/** A TCP server that accepts connections, reads and never answers (not even TLS). */
export interface HangingServer {
  port: number;
  /** Connections accepted so far. */
  accepted(): number;
  /** Connections still open. */
  open(): number;
  close(): Promise<void>;
}

export async function startHangingServer(): Promise<HangingServer> {
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  const server = net.createServer(socket => {
    socket.resume();
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    accepted: () => accepted,
    open: () => sockets.size,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise(r => server.close(r));
    },
  };
}

export { eventually } from './eventually';
