import { Browser, expect, Page, test } from '@playwright/test';

/**
 * The local portal's sign-in identities (app-config.yaml `auth.providers`,
 * packages/backend/src/localIdentities.ts): `developer` is user:default/dev, `platform` is
 * user:default/platform, a member of the approvers group group:default/platform-team; `viewer`
 * is user:default/viewer, whom the portal's policy denies DaemonSet status.
 */
export type PortalIdentity = 'developer' | 'platform' | 'viewer';

const cardTitles: Record<PortalIdentity, string> = {
  developer: 'Developer',
  platform: 'Platform engineer',
  viewer: 'Viewer',
};

/** Signs in as one of the local portal's identities and waits for the app shell. */
export async function signIn(
  page: Page,
  identity: PortalIdentity,
): Promise<void> {
  // Sign-in resolves the user in the catalog: while the backend restarts or the catalog has not
  // yet read examples/org.yaml, the page says "You do not appear to be signed in" and a person
  // tries again; so does this.
  await expect(async () => {
    await page.goto('/');
    await page
      .getByRole('button', { name: `Sign in as ${cardTitles[identity]}` })
      .click({ timeout: 15_000 });
    await expect(
      page.getByRole('link', { name: 'Create' }).first(),
    ).toBeVisible({ timeout: 15_000 });
  }).toPass({ timeout: 120_000 });
}

/**
 * A page in a browser context of its own (its own session: a second user beside the test's
 * `page`), signed in as `identity`.
 */
export async function signedInPage(
  browser: Browser,
  identity: PortalIdentity,
): Promise<Page> {
  // A context of its own does not inherit the project's options: the portal's URL is one of them.
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
  });
  const page = await context.newPage();
  await signIn(page, identity);
  return page;
}

/**
 * Signs in as the developer, who runs templates (the portal had a single guest identity
 * before the two identities).
 */
export async function signInAsGuest(page: Page): Promise<void> {
  await signIn(page, 'developer');
}

/** The Backstage token of the signed-in user, for calling backend routes as that user. */
export async function backstageToken(page: Page): Promise<string> {
  const provider = await signedInProvider(page);
  const response = await page.request.get(
    `http://localhost:7007/api/auth/${provider}/refresh`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(response.ok()).toBe(true);
  const body = await response.json();
  return body.backstageIdentity.token as string;
}

async function signedInProvider(page: Page): Promise<string> {
  const provider = await page.evaluate(() =>
    localStorage.getItem('daemonset-portal:sign-in-provider'),
  );
  if (!provider) throw new Error('Not signed in: no sign-in provider chosen');
  return provider;
}
