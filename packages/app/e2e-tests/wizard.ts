import { expect, Page } from '@playwright/test';

/** Opens the DaemonSet template's wizard from the Create page, as a user does. */
export async function openDaemonSetWizard(page: Page): Promise<void> {
  await page.goto('/create');
  const card = page
    .locator('article, [class*="Card"]')
    .filter({ hasText: 'Create a DaemonSet' })
    .first();
  await card.getByRole('button', { name: /choose/i }).click();
  await expect(
    page.getByRole('heading', { name: /Create a DaemonSet/ }).first(),
  ).toBeVisible();
}

/** The input of a form field by its rjsf id path, e.g. `containers_0_image`. */
export const field = (page: Page, path: string) =>
  page.locator(`#root_${path}`);

/** Presses Next (or Review on the last page) and waits for the page to change. */
export async function next(page: Page, expectedTitle?: string): Promise<void> {
  await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
  if (expectedTitle) {
    await expect(
      page.getByRole('button', { name: /^(Next|Review)$/ }).or(
        page.getByRole('button', { name: 'Create' }),
      ),
    ).toBeVisible();
  }
}

/** Switches an optional section on (the switch labelled with the section's title). */
export async function switchOn(page: Page, title: string, nth = 0) {
  const toggle = page.getByRole('checkbox', { name: title, exact: true }).nth(nth);
  await toggle.check();
}

/** Chooses the owner with the catalog's OwnerPicker. */
export async function chooseOwner(page: Page, owner: string): Promise<void> {
  const input = field(page, 'owner');
  await input.click();
  await input.fill(owner);
  await page.getByRole('option', { name: new RegExp(owner) }).first().click();
}
