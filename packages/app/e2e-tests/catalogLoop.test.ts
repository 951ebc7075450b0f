import { expect, test } from '@playwright/test';
import { deleteObject, listNodes } from './localCluster';
import { signIn } from './signIn';
import { tableNodes } from './tabFixtures';
import {
  createFromSummary,
  uniqueName,
  waitForRollout,
  waitForTaskCompleted,
  walkMinimalWizard,
} from './wizard';

const daemonSetPath = (namespace: string, name: string) =>
  `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`;

test('the catalog loop: the wizard creates a DaemonSet, its link opens the entity, whose tab has one row per node', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const name = uniqueName('loop');
  try {
    await signIn(page, 'developer');
    await walkMinimalWizard(page, { name, owner: 'platform-team' });
    await createFromSummary(page);
    await waitForTaskCompleted(page);
    await waitForRollout('default', name);

    // The task's output links to the component the catalog provider makes of the DaemonSet.
    const link = page.getByRole('link', { name: 'Open the component' });
    await expect(link).toBeVisible();
    const href = await link.getAttribute('href');
    expect(href).toMatch(
      new RegExp(`/catalog/default/component/${name}\\.default\\.local$`),
    );
    await link.click();

    // The provider's watch adds the entity within seconds; the page may open before it does.
    await expect(async () => {
      await page.reload();
      await expect(
        page.getByRole('heading', { name: new RegExp(name) }).first(),
      ).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByText('platform-team').first()).toBeVisible();

    await page
      .getByRole('navigation', { name: 'Content navigation' })
      .getByRole('link', { name: 'DaemonSet' })
      .click();
    await expect(page).toHaveURL(/\/daemonset$/);
    const view = page.getByTestId('daemonset-view').first();
    const clusterNodes = await listNodes();
    await expect(view.getByTestId('daemonset-node-row').first()).toBeVisible({
      timeout: 60_000,
    });
    await expect
      .poll(
        // The table draws its rows as the status arrives; a partly drawn table is retried.
        async () => (await tableNodes(view).catch(() => [])).sort(),
        { timeout: 60_000 },
      )
      .toEqual([...clusterNodes].sort());
  } finally {
    await deleteObject(daemonSetPath('default', name));
  }
});
