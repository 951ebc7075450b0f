import { expect, Page, test } from '@playwright/test';
import { deleteObject, objectExists } from './localCluster';
import { backstageToken, signedInPage } from './signIn';
import {
  createFromSummary,
  uniqueName,
  waitForApprovalRequest,
  waitForRollout,
  walkMinimalWizard,
} from './wizard';

const daemonSetPath = (name: string) =>
  `/apis/apps/v1/namespaces/default/daemonsets/${name}`;
const backend = 'http://localhost:7007/api/daemonset';

/**
 * Runs the DaemonSet template with a privileged container, as the signed-in user, and returns
 * the id of the approval request the task ends with.
 */
async function requestPrivilegedDaemonSet(
  page: Page,
  name: string,
): Promise<string> {
  await walkMinimalWizard(page, { name, owner: 'app-team', privileged: true });
  await expect(page.getByTestId('daemonset-review-approval')).toBeVisible();
  await createFromSummary(page);
  return waitForApprovalRequest(page);
}

/** Opens one request's page from the Approvals list, as a reviewer finds it. */
async function openFromList(page: Page, name: string): Promise<void> {
  await page.goto('/daemonset-approvals');
  await page.getByRole('link', { name: `default/${name}` }).click();
  await expect(page.getByTestId('approval-request')).toBeVisible();
}

/**
 * Waits until the notifications page lists a notification matching `text`, reloading it: the
 * notification is sent after the decision's response, and the page fetches once.
 */
async function expectNotification(page: Page, text: RegExp): Promise<void> {
  await expect(async () => {
    await page.goto('/notifications');
    await expect(page.getByText(text).first()).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
}

const stateOf = (page: Page) => page.getByTestId('approval-state').first();

test.describe('approval of a risky DaemonSet in the portal', () => {
  test('the developer requests, cannot approve; the platform engineer approves; it rolls out and the developer is told', async ({
    browser,
  }) => {
    test.setTimeout(900_000);
    const name = uniqueName('appr-ok');
    try {
      const developer = await signedInPage(browser, 'developer');
      const id = await requestPrivilegedDaemonSet(developer, name);
      expect(await objectExists(daemonSetPath(name))).toBe(false);

      // The developer sees their request, without an Approve button, and the backend refuses
      // the decision to them (four eyes, and the policy gives approve to platform-team only).
      await developer.goto(`/daemonset-approvals/${encodeURIComponent(id)}`);
      await expect(stateOf(developer)).toHaveText('pending');
      await expect(
        developer.getByText('This is your request: someone else approves it.'),
      ).toBeVisible();
      await expect(
        developer.getByRole('button', { name: 'Approve' }),
      ).toHaveCount(0);
      const refused = await developer.request.post(
        `${backend}/approvals/${encodeURIComponent(id)}/decisions`,
        {
          headers: {
            Authorization: `Bearer ${await backstageToken(developer)}`,
          },
          data: { decision: 'approve' },
        },
      );
      expect(refused.status()).toBe(403);
      expect(await objectExists(daemonSetPath(name))).toBe(false);

      // The platform engineer reviews the marked manifest and approves.
      const platform = await signedInPage(browser, 'platform');
      await openFromList(platform, name);
      await expect(stateOf(platform)).toHaveText('pending');
      await expect(platform.getByTestId('approval-reasons')).toContainText(
        /privileged/,
      );
      await expect(
        platform.getByTestId('risky-line').filter({ hasText: 'privileged' }),
      ).toHaveCount(1);
      await platform.getByLabel('Comment').fill('agent needs the host');
      await platform.getByRole('button', { name: 'Approve' }).click();
      await expect(platform.getByTestId('approval-decisions')).toContainText(
        'Approved by user:default/platform',
      );

      const daemonSet = await waitForRollout('default', name);
      expect(
        daemonSet.spec.template.spec.containers[0].securityContext,
      ).toMatchObject({ privileged: true });
      await expect
        .poll(
          async () => {
            await platform.reload();
            return stateOf(platform).innerText();
          },
          { timeout: 120_000, intervals: [2000, 5000] },
        )
        .toBe('applied');

      // The rollout, where the developer watches it: the entity's DaemonSet tab (the catalog
      // module makes the entity from the running DaemonSet), up to date on every desired node.
      const desired = daemonSet.status.desiredNumberScheduled;
      await expect(async () => {
        await developer.goto(
          `/catalog/default/component/${name}.default.local/daemonset`,
        );
        await expect(
          developer.getByTestId('daemonset-view').first(),
        ).toBeVisible({ timeout: 10_000 });
      }).toPass({ timeout: 120_000 });
      await expect(
        developer
          .getByTestId('daemonset-view')
          .first()
          .getByTestId('daemonset-rollout'),
      ).toHaveText(new RegExp(`up to date: ${desired}/${desired} updated$`), {
        timeout: 120_000,
      });

      await expectNotification(
        developer,
        new RegExp(`${name}.*approved by user:default/platform`),
      );
      await expectNotification(developer, new RegExp(`${name}.*applied`));
    } finally {
      await deleteObject(daemonSetPath(name));
    }
  });

  test('a rejected request says why to the developer and nothing reaches the cluster', async ({
    browser,
  }) => {
    test.setTimeout(420_000);
    const name = uniqueName('appr-no');
    const developer = await signedInPage(browser, 'developer');
    const id = await requestPrivilegedDaemonSet(developer, name);

    const platform = await signedInPage(browser, 'platform');
    await openFromList(platform, name);
    await platform
      .getByLabel('Comment')
      .fill('privileged is not needed for log shipping');
    await platform.getByRole('button', { name: 'Reject' }).click();
    await expect(stateOf(platform)).toHaveText('rejected');

    await developer.goto(`/daemonset-approvals/${encodeURIComponent(id)}`);
    await expect(stateOf(developer)).toHaveText('rejected');
    await expect(developer.getByTestId('approval-decisions')).toContainText(
      'Rejected by user:default/platform',
    );
    await expect(developer.getByTestId('approval-decisions')).toContainText(
      'privileged is not needed for log shipping',
    );
    await expectNotification(
      developer,
      new RegExp(`${name}.*rejected by user:default/platform`),
    );
    expect(await objectExists(daemonSetPath(name))).toBe(false);
  });
});
