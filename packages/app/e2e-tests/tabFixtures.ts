/*
 * Set-up and reading helpers of the DaemonSet tab's browser tests: each test owns a namespace
 * and the DaemonSet of one example entity (examples/entities.yaml, `e2e-tab-*`), created here
 * through the cluster's admin and deleted afterwards.
 */
import { expect, Locator } from '@playwright/test';
import {
  createObject,
  deleteObject,
  getObject,
  objectExists,
} from './localCluster';

/** The label the example entities select their DaemonSets by. */
export const KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** The URL of an entity's DaemonSet tab. */
export const tabUrl = (entity: string) =>
  `/catalog/default/component/${entity}/daemonset`;

/** The API path of a DaemonSet. */
export const daemonSetPath = (namespace: string, name: string) =>
  `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`;

const namespacePath = (namespace: string) => `/api/v1/namespaces/${namespace}`;

/** Deletes a namespace and everything in it; it disappears in the background. */
export async function deleteNamespace(namespace: string): Promise<void> {
  await deleteObject(namespacePath(namespace));
}

/**
 * Gives a test an empty namespace: deletes what an earlier run left (waiting until the cluster
 * has removed it) and creates it anew.
 */
export async function freshNamespace(namespace: string): Promise<void> {
  await deleteNamespace(namespace);
  await expect
    .poll(() => objectExists(namespacePath(namespace)), {
      message: `namespace ${namespace} is deleted`,
      timeout: 120_000,
    })
    .toBe(false);
  await createObject('/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
}

/** Creates a DaemonSet whose pods carry the entity's `backstage.io/kubernetes-id` label. */
export async function createDaemonSet(options: {
  namespace: string;
  name: string;
  image: string;
  strategy?: 'RollingUpdate' | 'OnDelete';
  minReadySeconds?: number;
}): Promise<void> {
  const labels = { app: options.name, [KUBERNETES_ID]: options.name };
  await createObject(
    `/apis/apps/v1/namespaces/${options.namespace}/daemonsets`,
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: options.name, namespace: options.namespace, labels },
      spec: {
        selector: { matchLabels: { app: options.name } },
        minReadySeconds: options.minReadySeconds ?? 0,
        updateStrategy:
          options.strategy === 'OnDelete'
            ? { type: 'OnDelete' }
            : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              {
                name: 'agent',
                image: options.image,
                resources: { requests: { cpu: '10m', memory: '16Mi' } },
              },
            ],
          },
        },
      },
    },
  );
}

/** What the cluster's DaemonSet controller reports about a DaemonSet. */
export interface DaemonSetCounts {
  desired: number;
  ready: number;
  updated: number;
  available: number;
}

/** Reads the controller's counts of a DaemonSet, undefined until it observed the latest spec. */
export async function observedCounts(
  namespace: string,
  name: string,
): Promise<DaemonSetCounts | undefined> {
  const ds = await getObject(daemonSetPath(namespace, name));
  if ((ds.status?.observedGeneration ?? 0) < ds.metadata.generation) {
    return undefined;
  }
  return {
    desired: ds.status?.desiredNumberScheduled ?? 0,
    ready: ds.status?.numberReady ?? 0,
    updated: ds.status?.updatedNumberScheduled ?? 0,
    available: ds.status?.numberAvailable ?? 0,
  };
}

/** Waits until every pod of a DaemonSet is ready and updated, by the cluster's own counts. */
export async function waitForSettled(
  namespace: string,
  name: string,
): Promise<DaemonSetCounts> {
  let settled: DaemonSetCounts | undefined;
  await expect
    .poll(
      async () => {
        const counts = await observedCounts(namespace, name);
        const done =
          counts !== undefined &&
          counts.desired > 0 &&
          counts.ready === counts.desired &&
          counts.updated === counts.desired &&
          counts.available === counts.desired;
        if (done) settled = counts;
        return done;
      },
      { message: `DaemonSet ${namespace}/${name} settles`, timeout: 180_000 },
    )
    .toBe(true);
  return settled!;
}

/**
 * The node names of the table's rows in their displayed order. The table is virtualised: this
 * fails when not every filtered row is rendered, rather than compare a part.
 */
export async function tableNodes(view: Locator): Promise<string[]> {
  const rows = await view.getByTestId('daemonset-node-row').evaluateAll(els =>
    els.map(el => ({
      index: Number(el.getAttribute('aria-rowindex')),
      node: el.getAttribute('data-node') ?? '',
    })),
  );
  const rowCount = Number(
    await view
      .getByRole('table', { name: 'Nodes' })
      .getAttribute('aria-rowcount'),
  );
  expect(rows.length, 'every filtered row is rendered').toBe(rowCount - 1);
  return rows.sort((a, b) => a.index - b.index).map(r => r.node);
}

/** The node map's cells as `node → verdict`, in the map's order. */
export async function mapCells(
  view: Locator,
): Promise<Array<{ node: string; verdict: string }>> {
  return view
    .locator('[data-testid="daemonset-node-map"] [role="option"]')
    .evaluateAll(els =>
      els.map(el => ({
        node: (el.getAttribute('aria-label') ?? '').split(':')[0],
        verdict: el.getAttribute('data-verdict') ?? '',
      })),
    );
}
