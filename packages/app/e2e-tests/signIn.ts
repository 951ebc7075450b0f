import { expect, Page } from '@playwright/test';

/** Signs in with the guest provider the local portal offers and waits for the app shell. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Create' }).first(),
  ).toBeVisible();
}
