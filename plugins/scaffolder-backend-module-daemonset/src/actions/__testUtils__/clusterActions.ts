import { ConfigReader } from '@backstage/config';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  clusterConfigFor,
  clusterSkipReason,
  createTestNamespace,
  getTestCluster,
  TestCluster,
  TestNamespace,
} from '@daemonsets/local-cluster/testing';
import { request } from 'node:https';

/*
 * Shared by the actions' integration tests against the local cluster
 * (dryRun.integration.test.ts, apply.integration.test.ts).
 */

// Decided before any test is declared: under CI a missing cluster fails this file (throws here);
// elsewhere every test is reported as skipped, with the reason in its name.
const skipReason = clusterSkipReason();
export const describeWithCluster = skipReason ? describe.skip : describe;
export const SUITE = `daemonset actions against the local cluster${
  skipReason ? ` (skipped: ${skipReason})` : ''
}`;

export const clusterConfig = (
  cluster: TestCluster,
  token: string,
  policy: object = {},
) =>
  new ConfigReader({
    ...clusterConfigFor(cluster, { token }),
    // kube-system must reach the cluster so the test sees RBAC refuse it
    daemonset: {
      policy: { protectedNamespaces: { namespaces: [] }, ...policy },
    },
  });

export const container = (extra: object = {}) => ({
  name: 'agent',
  image: 'registry.example/acme/agent',
  tag: '1.0',
  ...extra,
});

/** Runs an action on a mock context over `workspacePath`; returns its outputs and logger. */
export function actionRunner(workspacePath: () => string) {
  return async (
    action: { handler: (ctx: any) => Promise<void> },
    input: object,
  ) => {
    const ctx = createMockActionContext({
      input: input as any,
      workspacePath: workspacePath(),
      logger: mockServices.logger.mock(),
    });
    await action.handler(ctx);
    return {
      outputs: Object.fromEntries((ctx.output as jest.Mock).mock.calls),
      logger: ctx.logger as any,
    };
  };
}

/**
 * Called inside a suite: the local cluster and a namespace of the suite's own (removed after it),
 * read once `beforeAll` has run, and a runner of actions over a mock workspace.
 */
export function setUpClusterActions(namespacePrefix: string) {
  let cluster: TestCluster | undefined;
  let namespace: TestNamespace | undefined;
  const workspace = createMockDirectory();

  beforeAll(async () => {
    cluster = await getTestCluster();
    namespace = await createTestNamespace(cluster, namespacePrefix);
  });
  afterAll(async () => {
    await namespace?.cleanup();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('read before beforeAll ran');
    return value;
  };
  return {
    get cluster() {
      return ready(cluster);
    },
    get namespace() {
      return ready(namespace);
    },
    run: actionRunner(() => workspace.path),
  };
}

/** Deletes the DaemonSet and Service `name` in `default` with the admin token, if present. */
export async function deleteObjects(
  cluster: TestCluster,
  name: string,
): Promise<void> {
  const ca = Buffer.from(cluster.caData, 'base64');
  for (const path of [
    `/apis/apps/v1/namespaces/default/daemonsets/${name}`,
    `/api/v1/namespaces/default/services/${name}`,
  ]) {
    await new Promise<void>(resolve => {
      const req = request(
        `${cluster.server}${path}`,
        {
          method: 'DELETE',
          ca,
          headers: { Authorization: `Bearer ${cluster.adminToken}` },
        },
        res => {
          res.resume();
          res.on('end', () => resolve());
        },
      );
      req.on('error', () => resolve());
      req.end();
    });
  }
}
