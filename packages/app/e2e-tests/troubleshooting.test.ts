/*
 * Browser test of pod troubleshooting in the row detail: a failing pod's events and its previous
 * container's log lines, a restart after the cause is fixed that the row follows until ready,
 * and a user who may not read logs or restart (another team's entity) sees neither control
 * while the route answers 403. Everything is read from the real portal and the local cluster.
 */
import { expect, test } from '@playwright/test';
import { createObject, getObject, listPods, mergePatch } from './localCluster';
import { backstageToken, signIn } from './signIn';
import {
  daemonSetPath,
  deleteNamespace,
  freshNamespace,
  KUBERNETES_ID,
  tabUrl,
} from './tabFixtures';

const NS = 'e2e-tab-troubleshooting';
const OWNED = 'e2e-tab-troubleshooting';
const OTHERS = 'e2e-tab-troubleshooting-other';

/** A Ready, untainted, schedulable general-pool node: where the failing pod goes. */
async function pickNode(): Promise<string> {
  const nodes = await getObject<{ items: any[] }>('/api/v1/nodes');
  const node = nodes.items.find(
    n =>
      n.metadata.labels?.['daemonsets.dev/pool'] === 'general' &&
      !n.spec?.unschedulable &&
      (n.spec?.taints ?? []).length === 0 &&
      (n.status?.conditions ?? []).some(
        (c: any) => c.type === 'Ready' && c.status === 'True',
      ),
  );
  if (!node) throw new Error('no ready general node');
  return node.metadata.name as string;
}

/** A crash-looping DaemonSet on one node; OnDelete, so fixing its template changes no pod. */
async function createCrashingDaemonSet(name: string, node: string) {
  const labels = { app: name, [KUBERNETES_ID]: name };
  await createObject(`/apis/apps/v1/namespaces/${NS}/daemonsets`, {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: NS, labels },
    spec: {
      selector: { matchLabels: { app: name } },
      updateStrategy: { type: 'OnDelete' },
      template: {
        metadata: {
          labels,
          annotations: { 'daemonsets.dev/simulate': 'crashloop' },
        },
        spec: {
          nodeSelector: { 'kubernetes.io/hostname': node },
          containers: [
            { name: 'agent', image: 'registry.example.com/e2e-agent:1.0.0' },
          ],
        },
      },
    },
  });
}

/**
 * The platform team lets the portal read pod logs and delete pods in this namespace, as its
 * deploy namespaces allow (cluster/src/rbac.ts).
 */
async function grantPortal() {
  await createObject(
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'portal-troubleshooting', namespace: NS },
      rules: [
        { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
        { apiGroups: [''], resources: ['pods'], verbs: ['delete'] },
      ],
    },
  );
  await createObject(
    `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`,
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'portal-troubleshooting', namespace: NS },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: 'portal-troubleshooting',
      },
      subjects: [
        {
          kind: 'User',
          apiGroup: 'rbac.authorization.k8s.io',
          name: 'daemonset-portal',
        },
      ],
    },
  );
}

let node: string;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await freshNamespace(NS);
  await grantPortal();
  node = await pickNode();
  await createCrashingDaemonSet(OWNED, node);
  await createCrashingDaemonSet(OTHERS, node);
});

test.afterAll(async () => {
  await deleteNamespace(NS);
});

test('a failing row shows its events and previous log; a restart after the fix makes it ready', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, 'developer');
  await page.goto(tabUrl(OWNED));
  const view = page.getByTestId('daemonset-view');
  await view.getByRole('option', { name: `${node}: Failing` }).click();
  const detail = page.getByTestId('daemonset-node-detail');
  await expect(detail).toHaveAttribute('aria-label', `Details of node ${node}`);

  const events = detail.getByRole('table', { name: 'Pod events' });
  await expect(events).toContainText('BackOff', { timeout: 60_000 });
  await expect(events).toContainText('Back-off restarting failed container');

  const log = detail.getByLabel('Container log');
  await expect(log).toContainText('current instance', { timeout: 60_000 });
  await detail.getByRole('checkbox', { name: 'Previous instance' }).check();
  await expect(log).toContainText(
    'fatal: cannot open /etc/agent/config.yaml: no such file or directory',
  );

  // The fix: the template no longer crashes; with OnDelete the running pod keeps crashing
  // until it is restarted.
  const [before] = await listPods(NS, `app=${OWNED}`);
  await mergePatch(daemonSetPath(NS, OWNED), {
    spec: {
      template: {
        metadata: { annotations: { 'daemonsets.dev/simulate': null } },
      },
    },
  });
  await detail.getByRole('button', { name: 'Restart pod' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`Pod ${before.name} on node ${node}`);
  await dialog.getByRole('button', { name: 'Restart' }).click();
  await expect(detail.getByRole('status')).toContainText(
    `Pod ${before.name} deleted`,
  );
  await expect(view.getByRole('option', { name: `${node}: OK` })).toBeVisible({
    timeout: 120_000,
  });
  const [after] = await listPods(NS, `app=${OWNED}`);
  expect(after.name).not.toBe(before.name);
  expect(after.ready).toBe(true);
});

test('without the permissions there is no Logs or Restart control, and the route answers 403', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await signIn(page, 'developer');
  await page.goto(tabUrl(OTHERS));
  const view = page.getByTestId('daemonset-view');
  await view.getByRole('option', { name: `${node}: Failing` }).click();
  const detail = page.getByTestId('daemonset-node-detail');
  // Events need only the status permission: they show, so the panels have rendered.
  await expect(detail.getByRole('table', { name: 'Pod events' })).toContainText(
    'BackOff',
    { timeout: 60_000 },
  );
  await expect(detail.getByRole('region', { name: 'Logs' })).toHaveCount(0);
  await expect(detail.getByLabel('Container log')).toHaveCount(0);
  await expect(detail.getByRole('button', { name: 'Restart pod' })).toHaveCount(
    0,
  );

  const [pod] = await listPods(NS, `app=${OTHERS}`);
  const token = await backstageToken(page);
  const base = `http://localhost:7007/api/daemonset/entity/default/component/${OTHERS}/pods/local/${NS}/${pod.name}`;
  const logs = await page.request.get(`${base}/logs`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(logs.status()).toBe(403);
  const restart = await page.request.post(`${base}/restart`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(restart.status()).toBe(403);
  const [still] = await listPods(NS, `app=${OTHERS}`);
  expect(still.name).toBe(pod.name);
});
