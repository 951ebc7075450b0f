import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AppsV1Api, V1DaemonSet } from '@kubernetes/client-node';
import { Server } from 'node:http';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { TestCluster, TestNamespace } from '@daemonsets/local-cluster/testing';
import {
  approverPermissions,
  capturingNotifications,
  daemonSetManifest,
  postgresSuite,
  settledRequest,
} from '../__testUtils__/approvals';
import { clusterNamespace } from '../__testUtils__/cluster';
import { startBackendWithCluster } from '../__testUtils__/testBackend';

/*
 * An approved edit is applied only while the DaemonSet is still at the revision the edit was
 * made from: a change in between (kubectl, another edit) fails the request with the reason
 * recorded and leaves the cluster as it is. Real backend, real local cluster, real PostgreSQL.
 */

jest.setTimeout(180_000);

const suite = postgresSuite('an approved edit and its base revision');

const DEV = 'user:default/dev';
const ALICE = 'user:default/alice';
const as = (user: string) => mockCredentials.user.header(user);

let cluster: TestCluster;
let ns: TestNamespace;
let apps: AppsV1Api;
let server: Server;
let stop: () => Promise<void>;

const settled = (id: string) => settledRequest(server, id, DEV);

/** Creates the DaemonSet as it runs before the edit, unprivileged; returns its generation. */
async function running(name: string): Promise<V1DaemonSet> {
  const body = parseAllDocuments(
    daemonSetManifest({ namespace: ns.name, name }),
  )
    .map(d => d.toJS())
    .find(o => o.kind === 'DaemonSet');
  return apps.createNamespacedDaemonSet({ namespace: ns.name, body });
}

/** Files the privileged edit of `name` made from `baseRevision`, approves it, waits. */
async function approvedEdit(name: string, baseRevision: unknown) {
  const created = await request(server)
    .post('/api/daemonset/approvals')
    .set('Authorization', as(DEV))
    .send({
      cluster: 'local',
      namespace: ns.name,
      name,
      baseRevision,
      manifest: daemonSetManifest({
        namespace: ns.name,
        name,
        privileged: true,
      }),
    });
  return created;
}

/** Replaces the DaemonSet's image as kubectl edit does, again when the controller wrote first. */
async function changeImage(name: string, image: string): Promise<V1DaemonSet> {
  for (let attempt = 1; ; attempt++) {
    const live = await apps.readNamespacedDaemonSet({
      namespace: ns.name,
      name,
    });
    live.spec!.template.spec!.containers[0].image = image;
    try {
      return await apps.replaceNamespacedDaemonSet({
        namespace: ns.name,
        name,
        body: live,
      });
    } catch (error) {
      if ((error as { code?: number }).code !== 409 || attempt >= 5)
        throw error;
    }
  }
}

async function approveAndSettle(id: string) {
  const decision = await request(server)
    .post(`/api/daemonset/approvals/${id}/decisions`)
    .set('Authorization', as(ALICE))
    .send({ decision: 'approve' });
  expect(decision.status).toBe(200);
  return settled(id);
}

suite.describe(suite.title, () => {
  beforeAll(async () => {
    ({ cluster, ns, apps } = await clusterNamespace('approval-base'));
    const knex = await suite.database();
    const backend = await startBackendWithCluster({
      cluster,
      clusterEntry: { token: cluster.adminToken },
      policy: approverPermissions([ALICE]),
      config: { daemonset: { policy: { requiredApprovals: 1 } } },
      features: [
        capturingNotifications().factory,
        mockServices.database.factory({ knex }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop?.();
    await ns?.cleanup();
  });

  it('fails the request, recording why, and changes nothing when the DaemonSet changed after the request', async () => {
    const before = await running('stale-agent');
    const base = before.metadata!.generation!;
    const created = await approvedEdit('stale-agent', base);
    expect(created.status).toBe(201);
    expect(created.body.baseRevision).toBe(base);

    // Someone changes the DaemonSet outside the request while it waits.
    const changed = await changeImage(
      'stale-agent',
      'registry.k8s.io/pause:3.10',
    );
    expect(changed.metadata!.generation).toBe(base + 1);

    const result = await approveAndSettle(created.body.id);
    expect(result.state).toBe('failed');
    expect(result.error).toContain(
      `was changed since this edit was requested (based on revision ${base}, now at revision ${
        base + 1
      })`,
    );
    expect(result.error).toContain('Nothing was applied');

    const after = await apps.readNamespacedDaemonSet({
      namespace: ns.name,
      name: 'stale-agent',
    });
    expect(after.metadata!.generation).toBe(base + 1);
    expect(after.spec!.template.spec!.containers[0]).toMatchObject({
      image: 'registry.k8s.io/pause:3.10',
    });
    expect(
      after.spec!.template.spec!.containers[0].securityContext?.privileged,
    ).not.toBe(true);
  });

  it('applies the approved edit when the DaemonSet is still at its base revision', async () => {
    const before = await running('current-agent');
    const created = await approvedEdit(
      'current-agent',
      before.metadata!.generation,
    );
    expect(created.status).toBe(201);
    const result = await approveAndSettle(created.body.id);
    expect(result).toMatchObject({ state: 'applied' });
    const after = await apps.readNamespacedDaemonSet({
      namespace: ns.name,
      name: 'current-agent',
    });
    expect(
      after.spec!.template.spec!.containers[0].securityContext?.privileged,
    ).toBe(true);
  });

  it('refuses a base revision that is not a positive integer, naming the field', async () => {
    const created = await approvedEdit('bad-base', 'latest');
    expect(created.status).toBe(400);
    expect(created.body.error.message).toMatch(/baseRevision/);
  });
});
