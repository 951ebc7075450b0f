import { expect, test } from '@playwright/test';
import { signInAsGuest } from './signIn';

test('the catalog lists the example DaemonSet workload', async ({ page }) => {
  await signInAsGuest(page);
  // The catalog is the portal's home page.
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
