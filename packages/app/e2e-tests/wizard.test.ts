import { expect, test } from '@playwright/test';
import { deleteObject } from './localCluster';
import { signInAsGuest } from './signIn';
import {
  addItem,
  choose,
  chooseOwner,
  field,
  next,
  openDaemonSetWizard,
  switchOn,
  uniqueName,
  waitForRollout,
  waitForTaskCompleted,
} from './wizard';

const daemonSetPath = (namespace: string, name: string) =>
  `/apis/apps/v1/namespaces/${namespace}/daemonsets/${name}`;

test.describe('the DaemonSet wizard in the browser', () => {
  test('minimal walk: the required fields alone create a DaemonSet that rolls out', async ({
    page,
  }) => {
    test.setTimeout(360_000);
    const name = uniqueName('wizard-min');
    try {
      await signInAsGuest(page);
      await openDaemonSetWizard(page);

      await expect(page.getByText(/local.*connected/i).first()).toBeVisible();
      await field(page, 'name').fill(name);
      await chooseOwner(page, 'platform-team');
      await next(page);

      await field(page, 'containers_0_name').fill('agent');
      await field(page, 'containers_0_image').fill('ghcr.io/acme/agent');
      await field(page, 'containers_0_tag').fill('1.0');
      await next(page); // Access
      await next(page); // Scheduling
      await expect(
        page.getByTestId('daemonset-placement-summary'),
      ).toContainText(/Will run on \d+ of \d+ nodes/);
      await next(page); // Advanced
      await next(page); // Summary
      await expect(page.getByTestId('daemonset-review-yaml')).toContainText(
        `name: ${name}`,
      );
      await expect(page.getByTestId('daemonset-review-approval')).toHaveCount(
        0,
      );
      await next(page); // the scaffolder's own review
      await page.getByRole('button', { name: 'Create' }).click();

      await waitForTaskCompleted(page);
      const daemonSet = await waitForRollout('default', name);
      expect(daemonSet.spec.template.spec.containers).toEqual([
        expect.objectContaining({
          name: 'agent',
          image: 'ghcr.io/acme/agent:1.0',
        }),
      ]);
    } finally {
      await deleteObject(daemonSetPath('default', name));
    }
  });

  test('an invalid image shows its error at the field and Next does not advance', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await openDaemonSetWizard(page);
    await field(page, 'name').fill(uniqueName('wizard-bad'));
    await chooseOwner(page, 'platform-team');
    await next(page);

    await field(page, 'containers_0_name').fill('agent');
    await field(page, 'containers_0_image').fill('Bad Image!!');
    await next(page);

    await expect(page.locator('#root_containers_0_image__error')).toContainText(
      /must be an image reference/,
    );
    await expect(field(page, 'containers_0_image')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
    await expect(field(page, 'containers_0_image')).toBeVisible();
    await expect(page.getByTestId('daemonset-placement-summary')).toHaveCount(
      0,
    );
  });

  test('the placement preview changes when a toleration for the tainted GPU nodes is added', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await openDaemonSetWizard(page);
    await field(page, 'name').fill(uniqueName('wizard-place'));
    await chooseOwner(page, 'platform-team');
    await next(page);
    await field(page, 'containers_0_name').fill('agent');
    await field(page, 'containers_0_image').fill('ghcr.io/acme/agent');
    await next(page); // Access
    await next(page); // Scheduling

    const summary = page.getByTestId('daemonset-placement-summary');
    await expect(summary).toContainText(/Will run on \d+ of \d+ nodes/);
    const before = Number(
      /Will run on (\d+)/.exec(await summary.innerText())![1],
    );
    const excluded = page.getByTestId('daemonset-placement-excluded');
    await expect(excluded.filter({ hasText: 'nvidia.com/gpu' })).toHaveCount(1);

    await switchOn(page, 'Scheduling policy');
    await addItem(page, 'Tolerations');
    await field(page, 'scheduling_tolerations_0_key').fill('nvidia.com/gpu');
    await choose(page, 'scheduling_tolerations_0_operator', 'Exists');

    await expect
      .poll(async () =>
        Number(/Will run on (\d+)/.exec(await summary.innerText())?.[1]),
      )
      .toBeGreaterThan(before);
    await expect(excluded.filter({ hasText: 'nvidia.com/gpu' })).toHaveCount(0);
  });

  test('review shows the YAML and, for a privileged container, the approval reasons', async ({
    page,
  }) => {
    await signInAsGuest(page);
    await openDaemonSetWizard(page);
    await field(page, 'name').fill(uniqueName('wizard-priv'));
    await chooseOwner(page, 'platform-team');
    await next(page);
    await field(page, 'containers_0_name').fill('agent');
    await field(page, 'containers_0_image').fill('ghcr.io/acme/agent');
    await field(page, 'containers_0_privileged').check();
    for (let i = 0; i < 4; i++) await next(page);

    await expect(page.getByTestId('daemonset-review-yaml')).toContainText(
      'privileged: true',
    );
    await expect(page.getByTestId('daemonset-review-approval')).toContainText(
      /privileged/i,
    );
  });
});
