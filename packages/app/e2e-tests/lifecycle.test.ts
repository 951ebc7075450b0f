import { expect, Page, test } from '@playwright/test';
import { deleteObject, getObject, objectExists } from './localCluster';
import { signedInPage, signIn } from './signIn';
import {
  addItem,
  choose,
  createFromSummary,
  field,
  next,
  switchOn,
  uniqueName,
  waitForApprovalRequest,
  waitForRollout,
  waitForTaskCompleted,
  walkMinimalWizard,
} from './wizard';

const daemonSetPath = (name: string) =>
  `/apis/apps/v1/namespaces/default/daemonsets/${name}`;
const entityPath = (name: string) =>
  `/catalog/default/component/${name}.default.local`;

/** Creates a DaemonSet owned by app-team (the developer's team) through the wizard. */
async function createThroughWizard(page: Page, name: string): Promise<void> {
  await walkMinimalWizard(page, { name, owner: 'app-team' });
  await createFromSummary(page);
  await waitForTaskCompleted(page);
  await waitForRollout('default', name);
}

/** Opens the entity's DaemonSet tab once the catalog has the entity and its lifecycle actions. */
async function openTab(page: Page, name: string): Promise<void> {
  await expect(async () => {
    await page.goto(`${entityPath(name)}/daemonset`);
    await expect(page.getByTestId('lifecycle-edit')).toBeVisible({
      timeout: 10_000,
    });
  }).toPass({ timeout: 120_000 });
}

/** Edit from the tab: the wizard opens pre-filled with what runs. */
async function openEdit(page: Page, name: string): Promise<void> {
  await openTab(page, name);
  await page.getByTestId('lifecycle-edit').click();
  await expect(field(page, 'name')).toHaveValue(name);
  await next(page);
  await expect(field(page, 'containers_0_tag')).toHaveValue('1.0');
}

const imageOf = async (name: string) =>
  (await getObject(daemonSetPath(name))).spec.template.spec.containers[0].image;

test.describe('changing what runs from the DaemonSet tab', () => {
  test('edit the image and add a toleration, roll back, decommission', async ({
    page,
  }) => {
    test.setTimeout(900_000);
    const name = uniqueName('life');
    try {
      await signIn(page, 'developer');
      await createThroughWizard(page, name);

      await openEdit(page, name);
      await field(page, 'containers_0_tag').fill('2.0');
      await next(page); // Access
      await next(page); // Scheduling
      await switchOn(page, 'Scheduling policy');
      await addItem(page, 'Tolerations');
      await field(page, 'scheduling_tolerations_0_key').fill('nvidia.com/gpu');
      await choose(page, 'scheduling_tolerations_0_operator', 'Exists');
      await next(page); // Advanced
      await next(page); // Summary

      const diff = page.getByTestId('edit-diff');
      await expect(diff).toContainText('- image: ghcr.io/acme/agent:1.0');
      await expect(diff).toContainText('+ image: ghcr.io/acme/agent:2.0');
      await expect(diff).toContainText(/\+\s+- key: nvidia.com\/gpu/);
      await createFromSummary(page);
      await waitForTaskCompleted(page);
      const edited = await waitForRollout('default', name);
      expect(edited.spec.template.spec.containers[0].image).toBe(
        'ghcr.io/acme/agent:2.0',
      );
      expect(edited.spec.template.spec.tolerations).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            key: 'nvidia.com/gpu',
            operator: 'Exists',
          }),
        ]),
      );

      // The tab shows the rollout to the new revision, all desired nodes updated.
      const desired = edited.status.desiredNumberScheduled;
      await openTab(page, name);
      await expect(
        page
          .getByTestId('daemonset-view')
          .first()
          .getByTestId('daemonset-rollout'),
      ).toHaveText(new RegExp(`up to date: ${desired}/${desired} updated$`), {
        timeout: 120_000,
      });

      // Roll back to the revision that ran 1.0.
      await page.getByTestId('lifecycle-rollback').click();
      await expect(page.getByTestId('lifecycle-revisions')).toContainText(
        'ghcr.io/acme/agent:1.0',
      );
      const rollbackDiff = page.getByTestId('lifecycle-rollback-diff');
      await expect(rollbackDiff).toContainText(
        /\+\s+- image: ghcr\.io\/acme\/agent:1\.0/,
      );
      await expect(rollbackDiff).toContainText(
        /-\s+- image: ghcr\.io\/acme\/agent:2\.0/,
      );
      await expect(rollbackDiff).not.toContainText('$patch');
      await page.getByTestId('lifecycle-rollback-submit').click();
      await expect(page.getByTestId('lifecycle-outcome')).toContainText(
        /Rolling back to revision \d+/,
      );
      await expect
        .poll(() => imageOf(name), { timeout: 60_000 })
        .toBe('ghcr.io/acme/agent:1.0');
      await waitForRollout('default', name);

      // Decommission: the confirmation names cluster, namespace and node count — the count the
      // cluster has now (the rollback took the GPU toleration away again).
      const rolledBack = await getObject(daemonSetPath(name));
      const runningOn = rolledBack.status.desiredNumberScheduled;
      expect(runningOn).toBeLessThan(desired);
      await page.reload();
      await page.getByTestId('lifecycle-decommission').click();
      await expect(
        page.getByTestId('lifecycle-decommission-summary'),
      ).toContainText(
        new RegExp(
          `${name} in namespace default of cluster local: its pods stop on ${runningOn} node`,
        ),
      );
      await page.getByTestId('lifecycle-decommission-confirm').fill(name);
      await page.getByTestId('lifecycle-decommission-submit').click();
      // The delete waits for the API server to remove the DaemonSet: slow on a loaded machine.
      await expect(page.getByTestId('lifecycle-outcome')).toContainText(
        `Deleted DaemonSet default/${name}`,
        { timeout: 90_000 },
      );
      expect(await objectExists(daemonSetPath(name))).toBe(false);
      await expect(async () => {
        await page.goto(entityPath(name));
        await expect(
          page.getByText(/not found|no entity/i).first(),
        ).toBeVisible({ timeout: 10_000 });
      }).toPass({ timeout: 120_000 });
    } finally {
      await deleteObject(daemonSetPath(name));
    }
  });

  test('an edit that makes the container privileged waits for approval and changes nothing until approved', async ({
    browser,
  }) => {
    test.setTimeout(900_000);
    const name = uniqueName('life-appr');
    try {
      const developer = await signedInPage(browser, 'developer');
      await createThroughWizard(developer, name);
      const before = await getObject(daemonSetPath(name));

      await openEdit(developer, name);
      await field(developer, 'containers_0_privileged').check();
      for (let i = 0; i < 4; i++) await next(developer); // Access … Summary
      await expect(
        developer.getByTestId('daemonset-review-approval'),
      ).toBeVisible();
      await expect(developer.getByTestId('edit-diff')).toContainText(
        '+ privileged: true',
      );
      await createFromSummary(developer);
      const id = await waitForApprovalRequest(developer);

      const pending = await getObject(daemonSetPath(name));
      expect(pending.metadata.generation).toBe(before.metadata.generation);
      expect(
        pending.spec.template.spec.containers[0].securityContext?.privileged,
      ).not.toBe(true);

      const platform = await signedInPage(browser, 'platform');
      await platform.goto(`/daemonset-approvals/${encodeURIComponent(id)}`);
      await expect(platform.getByTestId('approval-state').first()).toHaveText(
        'pending',
      );
      await platform.getByRole('button', { name: 'Approve' }).click();
      await expect
        .poll(
          async () =>
            (
              await getObject(daemonSetPath(name))
            ).spec.template.spec.containers[0].securityContext?.privileged,
          { timeout: 120_000 },
        )
        .toBe(true);
    } finally {
      await deleteObject(daemonSetPath(name));
    }
  });
});
