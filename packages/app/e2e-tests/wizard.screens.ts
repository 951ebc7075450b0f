import { expect, Page, test } from '@playwright/test';
import { resolve } from 'node:path';
import { signInAsGuest } from './signIn';
import {
  addItem,
  choose,
  chooseOwner,
  field,
  next,
  openDaemonSetWizard,
  switchOn,
} from './wizard';

const screenshot = (name: string) =>
  resolve(__dirname, '../../../docs/screenshots', `${name}.png`);

async function capture(page: Page, name: string) {
  await page.screenshot({ path: screenshot(name), fullPage: true });
}

test('screenshots of the DaemonSet wizard, page by page', async ({ page }) => {
  test.setTimeout(300_000);
  await signInAsGuest(page);
  await openDaemonSetWizard(page);
  await field(page, 'name').fill('log-agent');
  await chooseOwner(page, 'platform-team');
  await expect(page.getByText(/connected/).first()).toBeVisible();
  await capture(page, 'wizard-1-basics');
  await next(page);

  await field(page, 'containers_0_name').fill('agent');
  await field(page, 'containers_0_image').fill('ghcr.io/acme/log-agent');
  await field(page, 'containers_0_tag').fill('1.4.2');
  // The containers page with its defaults: every optional section behind its switch.
  await capture(page, 'wizard-2-containers');
  await switchOn(page, 'Liveness check');
  await field(page, 'containers_0_livenessProbe_httpGet_path').fill('/healthz');
  await field(page, 'containers_0_livenessProbe_httpGet_port').fill('8080');
  await capture(page, 'wizard-2-containers-probe');
  await next(page);

  await capture(page, 'wizard-3-access');
  await next(page);

  await switchOn(page, 'Scheduling policy');
  await addItem(page, 'Tolerations');
  await field(page, 'scheduling_tolerations_0_key').fill('nvidia.com/gpu');
  await choose(page, 'scheduling_tolerations_0_operator', 'Exists');
  await expect(
    page
      .getByTestId('daemonset-placement-excluded')
      .filter({ hasText: 'nvidia.com/gpu' }),
  ).toHaveCount(0);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await capture(page, 'wizard-4-scheduling');
  await next(page);

  await capture(page, 'wizard-5-advanced');
  await next(page);

  await expect(page.getByTestId('daemonset-review-yaml')).toContainText(
    'kind: DaemonSet',
  );
  await capture(page, 'wizard-6-summary');
});
