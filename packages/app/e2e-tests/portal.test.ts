import { expect, Page, test } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('navigation', { name: 'sidebar nav' }),
  ).toBeVisible();
}

test('the catalog lists the example DaemonSet workload', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  await expect(page.getByRole('link', { name: 'node-agent' })).toBeVisible();
});

test('the template list offers the DaemonSet wizard', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/create');
  await expect(page.getByText('Create a DaemonSet')).toBeVisible();
});
