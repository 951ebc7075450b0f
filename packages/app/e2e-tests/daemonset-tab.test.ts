/*
 * Browser test of the DaemonSet entity tab (Playwright, real Chromium).
 *
 * Expects the portal at PLAYWRIGHT_URL with the `node-agent` component whose DaemonSet runs in
 * namespace `daemonset-demo` of the demo cluster. The nodes the tab must list are read from the
 * cluster's own API (as its admin, see localCluster.ts), not from the page.
 */
import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { listNodes, setDaemonSetImage } from './localCluster';

const TAB_URL = '/catalog/default/component/node-agent/daemonset';
const PROBLEM_VERDICTS = ['failing', 'missing', 'misscheduled', 'progressing'];

const DEMO = { namespace: 'daemonset-demo', name: 'node-agent' };
const HEALTHY_IMAGE = 'registry.example.com/node-agent:1.0.0';

/** Rolls the demo DaemonSet to an image the simulated nodes cannot pull. */
async function breakPod(): Promise<void> {
  await setDaemonSetImage(
    DEMO.namespace,
    DEMO.name,
    'node-agent',
    'registry.invalid/node-agent:broken',
  );
}

/** Rolls the demo DaemonSet back to its healthy image. */
async function restorePod(): Promise<void> {
  await setDaemonSetImage(
    DEMO.namespace,
    DEMO.name,
    'node-agent',
    HEALTHY_IMAGE,
  );
}

test.afterAll(async () => {
  await restorePod();
});

test('the DaemonSet tab lists every node and shows a broken pod live', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await signInAsGuest(page);
  await page.goto(TAB_URL);

  const content = page.getByTestId('daemonset-tab-content');
  await expect(content).toBeVisible();
  await expect(page.getByTestId('daemonset-live-indicator')).toHaveText('Live');

  // The first DaemonSet shown (one cluster, one DaemonSet in the demo).
  const view = page.getByTestId('daemonset-view').first();
  await expect(view).toBeVisible();

  // Every node has a cell on the node map, and the table covers all of them. The table is
  // virtualised: only the rows in view are in the DOM, so count through its footer and rowcount.
  const cells = view.locator('[data-testid="daemonset-node-map"] [data-index]');
  await expect(cells.first()).toBeVisible();
  // What the cluster itself says, not what the page shows.
  const clusterNodes = await listNodes();
  const expected = clusterNodes.length;
  expect(expected).toBeGreaterThan(0);
  await expect(cells).toHaveCount(expected);
  await expect(
    view.getByText(`Showing ${expected} of ${expected} nodes`),
  ).toBeVisible();
  await expect(view.getByRole('table', { name: 'Nodes' })).toHaveAttribute(
    'aria-rowcount',
    String(expected + 1),
  );
  const rows = view.getByTestId('daemonset-node-row');
  await expect(rows.first()).toBeVisible();
  // A node row is reachable by its accessible name (node name first).
  const firstNode = await rows.first().getAttribute('data-node');
  expect(clusterNodes).toContain(firstNode);
  await expect(
    view.getByRole('row', { name: new RegExp(`^${firstNode}:`) }),
  ).toBeVisible();

  // Mark the page: a reload would lose the marker.
  await page.evaluate(() => {
    (
      window as unknown as { __daemonsetNoReload: boolean }
    ).__daemonsetNoReload = true;
  });

  await breakPod();

  // A row turns failing without reload (failing rows sort first by default).
  const failing = view.locator(
    '[data-testid="daemonset-node-row"][data-verdict="failing"]',
  );
  await expect(failing.first()).toBeVisible({ timeout: 180_000 });
  await expect(failing.first()).toContainText(
    /ImagePullBackOff|ErrImagePull|registry\.invalid/,
  );
  expect(
    await page.evaluate(
      () =>
        (window as unknown as { __daemonsetNoReload?: boolean })
          .__daemonsetNoReload,
    ),
  ).toBe(true);
  await expect(page.getByTestId('daemonset-live-indicator')).toHaveText('Live');

  // Problems only: every remaining row is a problem, the failing one included.
  await view.getByRole('checkbox', { name: 'Problems only' }).check();
  await expect(failing.first()).toBeVisible();
  const verdicts = await rows.evaluateAll(els =>
    els.map(el => el.getAttribute('data-verdict')),
  );
  expect(verdicts.length).toBeGreaterThan(0);
  for (const verdict of verdicts) {
    expect(PROBLEM_VERDICTS).toContain(verdict);
  }

  // Search narrows to one node; its detail explains the failure.
  const failingNode = (await failing.first().getAttribute('data-node'))!;
  await view.getByTestId('daemonset-search').fill(failingNode);
  await expect(rows).toHaveCount(1);
  await rows.first().click();
  await expect(view.getByTestId('daemonset-node-detail')).toContainText(
    failingNode,
  );
});
