import { expect, Page, test } from '@playwright/test';
import { resolve } from 'node:path';
import { setDaemonSetImage, setMinReadySeconds } from './localCluster';
import { signInAsGuest } from './signIn';

const TAB_URL = '/catalog/default/component/node-agent/daemonset';
const GROUPED_URL = `${TAB_URL}?group=${encodeURIComponent(
  'daemonsets.dev/pool',
)}`;
const DEMO = { namespace: 'daemonset-demo', name: 'node-agent' };
const screenshot = (name: string) =>
  resolve(__dirname, '../../../docs/screenshots', `${name}.png`);

async function capture(page: Page, name: string) {
  await page.screenshot({ path: screenshot(name), fullPage: true });
}

test('screenshots of the DaemonSet tab', async ({ page }) => {
  test.setTimeout(300_000);
  await setDaemonSetImage(
    DEMO.namespace,
    DEMO.name,
    'node-agent',
    'registry.example.com/node-agent:1.0.0',
  );
  await setMinReadySeconds(DEMO.namespace, DEMO.name, 0);
  await signInAsGuest(page);
  await page.goto(TAB_URL);
  const view = page.getByTestId('daemonset-view').first();
  await expect(view.locator('[data-verdict="ok"]').first()).toBeVisible();
  await expect(
    view.locator(
      '[data-testid="daemonset-node-row"][data-verdict="progressing"]',
    ),
  ).toHaveCount(0, { timeout: 120_000 });
  await capture(page, 'healthy');

  // The same fleet grouped by pool: per-pool counts in the map, collapsible groups in the table.
  await page.goto(GROUPED_URL);
  await expect(view.getByTestId('daemonset-map-group').first()).toBeVisible();
  await expect(view.getByTestId('daemonset-node-group').first()).toBeVisible();
  await capture(page, 'grouped');
  await page.goto(TAB_URL);
  await expect(view.locator('[data-verdict="ok"]').first()).toBeVisible();

  // A slow rollout: minReadySeconds keeps updated pods "progressing" for a while.
  await setMinReadySeconds(DEMO.namespace, DEMO.name, 120);
  await setDaemonSetImage(
    DEMO.namespace,
    DEMO.name,
    'node-agent',
    'registry.example.com/node-agent:1.1.0',
  );
  await expect(
    view
      .locator('[data-testid="daemonset-node-row"][data-verdict="progressing"]')
      .first(),
  ).toBeVisible();
  await page.waitForTimeout(3_000);
  await capture(page, 'rollout');

  await setMinReadySeconds(DEMO.namespace, DEMO.name, 0);
  await setDaemonSetImage(
    DEMO.namespace,
    DEMO.name,
    'node-agent',
    'registry.invalid/node-agent:broken',
  );
  const failing = view.locator(
    '[data-testid="daemonset-node-row"][data-verdict="failing"]',
  );
  await expect(failing.first()).toBeVisible({ timeout: 120_000 });
  await failing.first().click();
  // The detail opens in a side drawer that keeps the table in view.
  await expect(page.getByTestId('daemonset-node-drawer')).toBeVisible();
  await expect(view.getByTestId('daemonset-node-detail')).toBeVisible();
  await capture(page, 'failure');

  await setDaemonSetImage(
    DEMO.namespace,
    DEMO.name,
    'node-agent',
    'registry.example.com/node-agent:1.0.0',
  );
});
