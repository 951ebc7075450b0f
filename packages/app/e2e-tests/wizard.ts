import { expect, Page } from '@playwright/test';
import { getObject, objectExists } from './localCluster';

/** The input of a form field by its rjsf id path, e.g. `containers_0_image`. */
export const field = (page: Page, path: string) =>
  page.locator(`#root_${path}`);

/** Opens the DaemonSet template's wizard from the Create page, as a user does. */
export async function openDaemonSetWizard(page: Page): Promise<void> {
  await page.goto('/create');
  await page
    .getByRole('button', { name: /choose/i })
    .first()
    .click();
  await expect(field(page, 'name')).toBeVisible();
}

/** A DaemonSet name of the test's own: `prefix` names the test, the time makes it new. */
export const uniqueName = (prefix: string) =>
  `${prefix}-${Date.now().toString(36)}`;

/** What the minimal walk fills: the required fields, one container, optionally privileged. */
export interface MinimalInput {
  name: string;
  owner: string;
  privileged?: boolean;
}

/**
 * The minimal walk (wizard.test.ts proves it step by step): opens the wizard, fills the required
 * fields and one container `agent` running `ghcr.io/acme/agent:1.0`, and passes the remaining
 * pages, ending on the Summary page.
 */
export async function walkMinimalWizard(
  page: Page,
  input: MinimalInput,
): Promise<void> {
  await openDaemonSetWizard(page);
  await field(page, 'name').fill(input.name);
  await chooseOwner(page, input.owner);
  await next(page);
  await field(page, 'containers_0_name').fill('agent');
  await field(page, 'containers_0_image').fill('ghcr.io/acme/agent');
  await field(page, 'containers_0_tag').fill('1.0');
  if (input.privileged) await field(page, 'containers_0_privileged').check();
  for (let i = 0; i < 4; i++) await next(page); // Access, Scheduling, Advanced, Summary
}

/** From the Summary page: the scaffolder's own review, then Create; waits for the task page. */
export async function createFromSummary(page: Page): Promise<void> {
  await next(page);
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\//, { timeout: 60_000 });
}

/**
 * On the task page of a run that needs approval: waits for "Waiting for approval" and returns
 * the id of the approval request the task links to.
 */
export async function waitForApprovalRequest(page: Page): Promise<string> {
  await expect(page.getByText(/Waiting for approval/).first()).toBeVisible({
    timeout: 180_000,
  });
  const href =
    (await page
      .getByRole('link', { name: 'Approval request' })
      .first()
      .getAttribute('href')) ?? '';
  const id = /\/daemonset-approvals\/([^/?#]+)/.exec(href)?.[1];
  expect(id, `approval request link ${href}`).toBeTruthy();
  return decodeURIComponent(id!);
}

/** The stepper's active step label, to know which page the wizard shows. */
export async function expectPage(page: Page, title: string): Promise<void> {
  await expect(
    page.locator('.MuiStepLabel-active, [class*="active"]').filter({
      hasText: title,
    }),
  ).toHaveCount(1);
}

/** Presses Next (or Review on the last page). */
export async function next(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Next|Review)$/ }).click();
}

/** Switches an optional section on (the switch labelled with the section's title). */
export async function switchOn(page: Page, title: string, nth = 0) {
  await page.getByRole('switch', { name: title, exact: true }).nth(nth).check();
}

/** Chooses the owner with the catalog's OwnerPicker. */
export async function chooseOwner(page: Page, owner: string): Promise<void> {
  const input = field(page, 'owner');
  await input.click();
  await input.fill(owner);
  await page
    .getByRole('option', { name: new RegExp(owner) })
    .first()
    .click();
}

/** Waits until the scaffolder task page says the task completed, returning its log text. */
export async function waitForTaskCompleted(page: Page): Promise<void> {
  await expect(page).toHaveURL(/\/create\/tasks\//, { timeout: 60_000 });
  await expect(page.getByText(/nodes available\./).first()).toBeVisible({
    timeout: 240_000,
  });
}

/** Waits until the DaemonSet's pods run and are ready on every node it should run on. */
export async function waitForRollout(
  namespace: string,
  name: string,
): Promise<any> {
  let daemonSet: any;
  await expect
    .poll(
      async () => {
        // Not there yet is not a failure: an approved apply runs after the decision is shown.
        const path = `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`;
        if (!(await objectExists(path))) return false;
        daemonSet = await getObject(path);
        const s = daemonSet.status ?? {};
        return (
          s.desiredNumberScheduled > 0 &&
          s.numberAvailable === s.desiredNumberScheduled &&
          s.updatedNumberScheduled === s.desiredNumberScheduled
        );
      },
      { timeout: 180_000, intervals: [1000, 2000, 5000] },
    )
    .toBe(true);
  return daemonSet;
}

/**
 * Presses "Add Item" of the list titled `label` (its heading, or the switch of an optional
 * section): the last such button inside the nearest element around the label that has one.
 */
export async function addItem(
  page: Page,
  label: string,
  nth = 0,
): Promise<void> {
  await page
    .getByRole('heading', { name: label, exact: true })
    .or(page.getByRole('switch', { name: label, exact: true }))
    .nth(nth)
    .locator('xpath=ancestor::*[.//button[@title="Add Item"]][1]')
    .locator('button[title="Add Item"]')
    .last()
    .click();
}

/** Chooses an option of an enum field (a select) by its rjsf id path. */
export async function choose(
  page: Page,
  path: string,
  option: string,
): Promise<void> {
  await field(page, path).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Chooses the option of a `anyOf`/`oneOf` choice (rjsf's select beside the field). */
export async function chooseAlternative(
  page: Page,
  current: string,
  option: string,
  nth = 0,
): Promise<void> {
  await page
    .getByRole('button', { name: current, exact: true })
    .nth(nth)
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Types into an autocomplete (a picker) and takes the option that matches `value`. */
export async function pick(page: Page, path: string, value: string) {
  const input = field(page, path);
  await input.click();
  await input.fill(value);
  await page
    .getByRole('option', { name: new RegExp(`^${value}\\b`) })
    .first()
    .click();
}
