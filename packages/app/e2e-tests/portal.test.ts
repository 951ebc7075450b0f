import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('the catalog lists the example DaemonSet workload', async ({ page }) => {
  await signInAsGuest(page);
  // The catalog opens on the components the user owns when there are any (the developer owns a
  // test fixture); the example belongs to all of the organisation's components.
  await page.goto('/?filters%5Bkind%5D=component&filters%5Buser%5D=all');
  await expect(page.getByRole('link', { name: /node-agent/ })).toBeVisible();
  await page.getByRole('link', { name: /node-agent/ }).click();
  await expect(
    page.getByRole('link', { name: 'DaemonSet', exact: true }),
  ).toBeVisible();
});

test('the template list offers the DaemonSet wizard', async ({ page }) => {
  await signInAsGuest(page);
  await page.goto('/create');
  await expect(page.getByText('Create a DaemonSet')).toBeVisible();
});
