/*
 * Browser tests of the DaemonSet tab when the status cannot be read: a signed-in user whom the
 * portal's policy denies `daemonset.status.read` (the `viewer` identity), and a configured cluster
 * that does not answer beside the healthy one. What the tab should show comes from the cluster's
 * own API and from the backend's own answer, never from the page.
 *
 * The unreachable-cluster test needs a portal that also configures the cluster `unreachable`
 * (a closed port): run it with `PORTAL_UNREACHABLE_CLUSTER=1` (scripts/test.sh does, in a stage
 * of its own, `--grep @unreachable-cluster`); every other browser test runs without it, since a
 * broken cluster shows on every entity's tab that does not name its cluster.
 */
import { Browser, expect, Page, test } from '@playwright/test';
import { listNodes } from './localCluster';
import { backstageToken, PortalIdentity, signIn } from './signIn';
import {
  createDaemonSet,
  deleteNamespace,
  freshNamespace,
  tabUrl,
  waitForSettled,
} from './tabFixtures';

const NAME = 'e2e-tab-access';
const NAMESPACE = 'e2e-tab-access';
const STATUS_API = `http://localhost:7007/api/daemonset/entity/default/component/${NAME}/status`;
/** The cluster scripts/lib/cluster-app-config.mjs adds with --unreachable-cluster. */
const UNREACHABLE = { name: 'unreachable', title: 'Unreachable test cluster' };

test.beforeEach(async () => {
  test.setTimeout(300_000);
  await freshNamespace(NAMESPACE);
  await createDaemonSet({
    namespace: NAMESPACE,
    name: NAME,
    image: 'registry.example.com/e2e-agent:1.0.0',
  });
});

test.afterEach(async () => {
  await deleteNamespace(NAMESPACE);
});

/** A page of its own browser context, signed in as `identity`. */
async function pageAs(browser: Browser, identity: PortalIdentity) {
  // A context of its own does not inherit the project's options: the portal's URL is one of them.
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await signIn(page, identity);
  return { page, close: () => context.close() };
}

/** The backend's answer to the tab's own status request, as the page's signed-in user. */
async function statusAs(page: Page) {
  const token = await backstageToken(page);
  return page.request.get(STATUS_API, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

test('a user denied daemonset.status.read sees No permission and no cluster data; an allowed user sees the DaemonSet', async ({
  browser,
}) => {
  const counts = await waitForSettled(NAMESPACE, NAME);
  const nodes = await listNodes();

  // Allowed: the same entity's tab shows the DaemonSet, so what the viewer misses is there.
  const developer = await pageAs(browser, 'developer');
  try {
    await developer.page.goto(tabUrl(NAME));
    const view = developer.page.getByTestId('daemonset-view');
    await expect(view).toHaveAttribute(
      'data-daemonset',
      `${NAMESPACE}/${NAME}`,
    );
    await expect(
      view.locator('[data-testid="daemonset-node-map"] [role="option"]'),
    ).toHaveCount(nodes.length);
    await expect(view.getByTestId('stat-desired')).toContainText(
      String(counts.desired),
    );
  } finally {
    await developer.close();
  }

  const viewer = await pageAs(browser, 'viewer');
  try {
    // The backend refuses the viewer: the policy's decision, not the page's.
    const denied = await statusAs(viewer.page);
    expect(denied.status()).toBe(403);
    const deniedText = await denied.text();
    expect(deniedText).not.toContain('"clusters"');
    for (const node of nodes) expect(deniedText).not.toContain(node);

    await viewer.page.goto(tabUrl(NAME));
    // The entity itself stays readable: only the cluster state is withheld.
    await expect(
      viewer.page.getByRole('heading', { name: NAME }).first(),
    ).toBeVisible();
    const error = viewer.page.getByTestId('daemonset-error');
    await expect(error).toHaveAttribute('data-error-kind', 'permission');
    await expect(error).toContainText('No permission');
    await expect(error).toContainText('daemonset.status.read');
    await expect(viewer.page.getByTestId('daemonset-view')).toHaveCount(0);
    // No node of the cluster is named anywhere on the page.
    const text = await viewer.page.locator('body').innerText();
    for (const node of nodes) expect(text).not.toContain(node);
  } finally {
    await viewer.close();
  }
});

test('an unreachable cluster shows its broken state beside the healthy cluster, which stays whole @unreachable-cluster', async ({
  page,
}) => {
  await signIn(page, 'developer');
  // The backend says so first: the portal has the cluster, and cannot reach it.
  const response = await statusAs(page);
  expect(response.status()).toBe(200);
  const status = await response.json();
  const clusterNames = status.clusters.map(
    (c: { cluster: string }) => c.cluster,
  );
  expect(
    clusterNames,
    'the portal was started with PORTAL_UNREACHABLE_CLUSTER=1',
  ).toContain(UNREACHABLE.name);
  const counts = await waitForSettled(NAMESPACE, NAME);
  const nodes = await listNodes();

  await page.goto(tabUrl(NAME));
  // The broken cluster: named, with why, in place of its data.
  const broken = page.getByRole('region', {
    name: `Cluster ${UNREACHABLE.title}`,
  });
  await expect(broken).toContainText(
    new RegExp(
      `(Could not read cluster|Connection to cluster|Reconnecting to cluster) ${UNREACHABLE.title}`,
    ),
  );
  await expect(broken).toContainText('ECONNREFUSED');
  await expect(broken.getByTestId('daemonset-view')).toHaveCount(0);

  // The healthy cluster beside it: its DaemonSet and every node, by the cluster's own counts.
  const view = page.getByTestId('daemonset-view');
  await expect(view).toHaveCount(1);
  await expect(view).toHaveAttribute('data-daemonset', `${NAMESPACE}/${NAME}`);
  await expect(
    view.locator('[data-testid="daemonset-node-map"] [role="option"]'),
  ).toHaveCount(nodes.length);
  await expect(
    view.locator('[data-testid="daemonset-node-map"] [data-verdict="ok"]'),
  ).toHaveCount(counts.ready, { timeout: 60_000 });
  // The live channel is up: a cluster that cannot be reached is not a lost connection.
  await expect(page.getByTestId('daemonset-live-indicator')).toHaveText('Live');
  expect(await page.locator('body').innerText()).not.toContain(
    'unreachable-cluster-token',
  );
});
