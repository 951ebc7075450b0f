/*
 * Browser tests of the DaemonSet tab for a fleet: accessibility (axe-core on the plugin's own
 * content, closed and with a node's drawer open, healthy and failing), a keyboard-only walk through
 * the table, a shared URL restoring the view, search over flags, and grouping by pool. The
 * expected nodes, pools and flags come from the cluster's own node list, never from the page.
 */
import { expect, Locator, Page, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { getObject, setDaemonSetImage } from './localCluster';
import { signInAsGuest } from './signIn';
import {
  createDaemonSet,
  deleteNamespace,
  freshNamespace,
  tabUrl,
  tableNodes,
  waitForSettled,
} from './tabFixtures';

const NAME = 'e2e-tab-fleet';
const NAMESPACE = 'e2e-tab-fleet';
const GOOD_IMAGE = 'registry.example.com/e2e-agent:1.0.0';
const BROKEN_IMAGE = 'registry.invalid/e2e-agent:broken';
const POOL = 'daemonsets.dev/pool';

test.describe.configure({ mode: 'serial' });

interface FleetNode {
  name: string;
  labels: Record<string, string>;
  cordoned: boolean;
}

let fleet: FleetNode[];

async function readFleet(): Promise<FleetNode[]> {
  const list = await getObject<{
    items: {
      metadata: { name: string; labels?: Record<string, string> };
      spec?: { unschedulable?: boolean };
    }[];
  }>('/api/v1/nodes');
  return list.items.map(n => ({
    name: n.metadata.name,
    labels: n.metadata.labels ?? {},
    cordoned: n.spec?.unschedulable === true,
  }));
}

const byName = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

test.beforeAll(async () => {
  test.setTimeout(420_000);
  await freshNamespace(NAMESPACE);
  await createDaemonSet({
    namespace: NAMESPACE,
    name: NAME,
    image: GOOD_IMAGE,
  });
  await waitForSettled(NAMESPACE, NAME);
  fleet = await readFleet();
});

test.afterAll(async () => {
  await deleteNamespace(NAMESPACE);
});

async function openTab(
  page: Page,
  query = '',
  { signedIn = false } = {},
): Promise<Locator> {
  if (!signedIn) await signInAsGuest(page);
  await page.goto(`${tabUrl(NAME)}${query}`);
  const view = page.getByTestId('daemonset-view');
  await expect(view).toHaveAttribute('data-daemonset', `${NAMESPACE}/${NAME}`);
  await expect(view.getByTestId('daemonset-node-row').first()).toBeVisible({
    timeout: 60_000,
  });
  return view;
}

/** axe-core on the plugin's own content only (not Backstage's sidebar and header). */
async function axeViolations(page: Page) {
  const result = await new AxeBuilder({ page })
    .include('[data-testid="daemonset-tab-content"]')
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return result.violations.map(v => ({
    id: v.id,
    help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}

test('axe finds no violation on a healthy fleet, closed and with a node open', async ({
  page,
}) => {
  const view = await openTab(page);
  expect(await axeViolations(page)).toEqual([]);
  await view.getByTestId('daemonset-node-row').first().click();
  await expect(view.getByTestId('daemonset-node-detail')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

test('keyboard only: Tab into the table, arrows, Enter opens the drawer, Escape closes it', async ({
  page,
}) => {
  const view = await openTab(page);
  const order = await tableNodes(view);
  // The last stop before the table is its last column header's sort button.
  await view
    .getByRole('columnheader', { name: 'Age', exact: true })
    .getByRole('button')
    .focus();
  await page.keyboard.press('Tab');
  const focusedNode = () =>
    page.evaluate(() =>
      document.activeElement?.getAttribute('data-testid') ===
      'daemonset-node-row'
        ? document.activeElement.getAttribute('data-node')
        : null,
    );
  expect(await focusedNode()).toBe(order[0]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  expect(await focusedNode()).toBe(order[1]);

  await page.keyboard.press('Enter');
  const drawer = page.getByRole('dialog', { name: `Node ${order[1]}` });
  await expect(drawer).toBeVisible();
  // Focus stays on the row: the arrows keep browsing beside the open drawer.
  expect(await focusedNode()).toBe(order[1]);
  await expect(view.getByTestId('daemonset-node-detail')).toHaveAttribute(
    'aria-label',
    `Details of node ${order[1]}`,
  );
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);
  expect(await focusedNode()).toBe(order[1]);

  // One Tab stop: the next Tab leaves the table.
  await page.keyboard.press('Tab');
  expect(await focusedNode()).toBeNull();
});

test('searching "cordoned" finds exactly the cordoned nodes', async ({
  page,
}) => {
  const view = await openTab(page);
  const cordoned = fleet
    .filter(n => n.cordoned)
    .map(n => n.name)
    .sort(byName);
  expect(
    cordoned.length,
    'the local cluster has a cordoned node',
  ).toBeGreaterThan(0);
  await view.getByTestId('daemonset-search').fill('cordoned');
  await expect
    .poll(async () => (await tableNodes(view)).sort(byName))
    .toEqual(cordoned);
  // A short label key works in the label filter too.
  await view.getByTestId('daemonset-search').fill('');
  const pool = fleet[0].labels[POOL];
  await view.getByTestId('daemonset-label-filter').fill(`pool=${pool}`);
  await expect
    .poll(async () => (await tableNodes(view)).sort(byName))
    .toEqual(
      fleet
        .filter(n => n.labels[POOL] === pool)
        .map(n => n.name)
        .sort(byName),
    );
});

test('grouping by pool shows each pool with its node count, in the map and the table', async ({
  page,
}) => {
  const view = await openTab(page);
  await view.getByTestId('daemonset-group-by').click();
  await page.getByRole('option', { name: POOL, exact: true }).click();
  await expect(page).toHaveURL(/group=daemonsets.dev%2Fpool/);

  const pools = new Map<string, number>();
  for (const n of fleet) {
    const pool = n.labels[POOL];
    if (pool) pools.set(pool, (pools.get(pool) ?? 0) + 1);
  }
  expect(pools.size).toBeGreaterThan(1);
  const groups = view.getByTestId('daemonset-map-group');
  await expect(groups).toHaveCount(pools.size);
  for (const [pool, count] of pools) {
    const group = view.locator(
      `[data-testid="daemonset-map-group"][data-group="${pool}"]`,
    );
    await expect(group.getByRole('heading')).toHaveText(
      `pool=${pool} — ${count} node${count === 1 ? '' : 's'}`,
    );
    await expect(group.locator('[role="option"]')).toHaveCount(count);
    await expect(
      view.locator(
        `[data-testid="daemonset-node-group"][data-group="${pool}"]`,
      ),
    ).toHaveAttribute(
      'aria-label',
      new RegExp(`^pool=${pool}: ${count} nodes? — `),
    );
  }
});

test('a shared URL restores filters, sort, grouping and selection', async ({
  page,
}) => {
  const first = await openTab(page);
  const cluster = await first.getAttribute('data-cluster');
  const pool = fleet[0].labels[POOL];
  const inPool = fleet.filter(n => n.labels[POOL] === pool).map(n => n.name);
  const chosen = [...inPool].sort(byName)[0];
  const query = new URLSearchParams({
    label: `pool=${pool}`,
    sort: 'node:desc',
    group: 'topology.kubernetes.io/zone',
    node: `${cluster}/${NAMESPACE}/${NAME}/${chosen}`,
  });
  // The shared link, loaded afresh (the page's own state is gone; only the URL carries the view).
  const view = await openTab(page, `?${query}`, { signedIn: true });
  await expect(view.getByTestId('daemonset-label-filter')).toHaveValue(
    `pool=${pool}`,
  );
  await expect(
    view.getByRole('columnheader', { name: 'Node', exact: true }),
  ).toHaveAttribute('aria-sort', 'descending');
  await expect(view.getByTestId('daemonset-group-by')).toHaveText(
    'topology.kubernetes.io/zone',
  );
  await expect(view.getByTestId('daemonset-node-group').first()).toBeVisible();
  await expect(view.getByTestId('daemonset-node-detail')).toHaveAttribute(
    'aria-label',
    `Details of node ${chosen}`,
  );
  const shown = await view
    .getByTestId('daemonset-node-row')
    .evaluateAll(els => els.map(el => el.getAttribute('data-node')));
  expect([...shown].sort()).toEqual([...inPool].sort());
});

test('says plainly that the cluster has no metrics API', async ({ page }) => {
  // The cluster's own discovery decides which message is expected.
  const groups = await getObject<{ groups: { name: string }[] }>('/apis');
  const hasMetrics = groups.groups.some(g => g.name === 'metrics.k8s.io');
  expect(hasMetrics, 'the local cluster runs no metrics-server').toBe(false);
  const view = await openTab(page);
  await expect(view.getByTestId('daemonset-pod-metrics')).toHaveText(
    'This cluster has no metrics API (metrics-server); CPU and memory are not shown',
  );
});

test('axe finds no violation on a failing fleet, closed and with a failing node open', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await setDaemonSetImage(NAMESPACE, NAME, 'agent', BROKEN_IMAGE);
  const view = await openTab(page);
  const failing = view.locator(
    '[data-testid="daemonset-node-row"][data-verdict="failing"]',
  );
  await expect(failing.first()).toBeVisible({ timeout: 180_000 });
  expect(await axeViolations(page)).toEqual([]);
  await failing.first().click();
  await expect(view.getByTestId('daemonset-node-detail')).toContainText(
    /ImagePullBackOff|ErrImagePull/,
  );
  expect(await axeViolations(page)).toEqual([]);
});
