/*
 * Browser test of the DaemonSet tab's rollout progress: the image of the `e2e-tab-rollout`
 * entity's own DaemonSet is changed through the cluster's API; the tab follows the rollout live
 * until it completes, and the counts it ends on are the cluster's own.
 */
import { expect, test } from '@playwright/test';
import { listPods, setDaemonSetImage } from './localCluster';
import { signInAsGuest } from './signIn';
import {
  createDaemonSet,
  deleteNamespace,
  freshNamespace,
  KUBERNETES_ID,
  observedCounts,
  tabUrl,
  waitForSettled,
} from './tabFixtures';

const NAME = 'e2e-tab-rollout';
const V1 = 'registry.example.com/e2e-agent:1.0.0';
const V2 = 'registry.example.com/e2e-agent:2.0.0';

test.afterEach(async () => {
  await deleteNamespace(NAME);
});

test('an image change shows rollout progress live until it completes', async ({
  page,
}) => {
  test.setTimeout(420_000);
  await freshNamespace(NAME);
  // One pod at a time, each available only after 2 s: a rollout slow enough to watch.
  await createDaemonSet({
    namespace: NAME,
    name: NAME,
    image: V1,
    minReadySeconds: 2,
  });
  const { desired } = await waitForSettled(NAME, NAME);

  await signInAsGuest(page);
  await page.goto(tabUrl(NAME));
  const view = page.getByTestId('daemonset-view');
  const rollout = view.getByTestId('daemonset-rollout');
  const bar = rollout.getByRole('progressbar');
  await expect(rollout).toContainText(
    `up to date: ${desired}/${desired} updated`,
  );
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  await expect(view.getByText(V1, { exact: true })).toBeVisible();

  await setDaemonSetImage(NAME, NAME, 'agent', V2);

  // In progress: some pods updated, not all; the bar shows the same fraction as the text.
  let midway: { updated: number; valueNow: string | null } | undefined;
  await expect
    .poll(
      async () => {
        const shown = await rollout.evaluate(el => ({
          text: el.textContent ?? '',
          valueNow:
            el
              .querySelector('[role="progressbar"]')
              ?.getAttribute('aria-valuenow') ?? null,
        }));
        const match = new RegExp(
          `updating: (\\d+)/${desired} updated, \\d+ unavailable of a budget of 1`,
        ).exec(shown.text);
        if (match && Number(match[1]) > 0) {
          midway = { updated: Number(match[1]), valueNow: shown.valueNow };
        }
        return midway !== undefined;
      },
      { message: 'the tab shows the rollout under way', timeout: 60_000 },
    )
    .toBe(true);
  expect(midway!.updated).toBeLessThan(desired);
  expect(midway!.valueNow).toBe(
    String(Math.round((midway!.updated / desired) * 100)),
  );

  // Done: the cluster's counts and the tab agree.
  await expect(rollout).toHaveText(
    new RegExp(`up to date: ${desired}/${desired} updated$`),
    { timeout: 300_000 },
  );
  await expect(bar).toHaveAttribute('aria-valuenow', '100');
  const counts = await observedCounts(NAME, NAME);
  expect(counts).toEqual({
    desired,
    ready: desired,
    updated: desired,
    available: desired,
  });
  const pods = await listPods(NAME, `${KUBERNETES_ID}=${NAME}`);
  expect(pods.filter(p => !p.deleting).map(p => p.images)).toEqual(
    Array(desired).fill([V2]),
  );
  await expect(view.getByText(V2, { exact: true })).toBeVisible();
  await expect(view.getByText(V1, { exact: true })).toHaveCount(0);
  await expect(
    view.locator('[data-testid="daemonset-node-map"] [data-verdict="ok"]'),
  ).toHaveCount(desired);
});
