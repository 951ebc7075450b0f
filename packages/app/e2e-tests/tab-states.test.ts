/*
 * Browser tests of the DaemonSet tab's states: no DaemonSet yet (then one appearing live), an
 * entity naming a cluster that is not configured, and a lost live connection (reconnecting, data
 * kept, live again). What the tab should show is read from the cluster's own API.
 */
import { expect, Page, test } from '@playwright/test';
import { listDaemonSets, listNodes } from './localCluster';
import { signInAsGuest } from './signIn';
import {
  createDaemonSet,
  deleteNamespace,
  freshNamespace,
  KUBERNETES_ID,
  tabUrl,
  waitForSettled,
} from './tabFixtures';

const EMPTY = 'e2e-tab-empty';

test.describe('no DaemonSet for the entity', () => {
  test.afterEach(async () => {
    await deleteNamespace(EMPTY);
  });

  test('shows the empty state, then the DaemonSet as soon as it is created', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    await freshNamespace(EMPTY);
    // The cluster holds no DaemonSet with the entity's label, in any namespace.
    await expect
      .poll(
        async () => (await listDaemonSets(`${KUBERNETES_ID}=${EMPTY}`)).length,
        {
          timeout: 60_000,
        },
      )
      .toBe(0);

    await signInAsGuest(page);
    await page.goto(tabUrl(EMPTY));
    const empty = page.getByTestId('daemonset-none-found');
    await expect(empty).toContainText('No DaemonSet found for this entity');
    await expect(empty).toContainText('No DaemonSet in local matches');
    await expect(empty).toContainText(`${KUBERNETES_ID}: ${EMPTY}`);
    await expect(page.getByTestId('daemonset-view')).toHaveCount(0);
    await expect(page.getByTestId('daemonset-live-indicator')).toHaveText(
      'Live',
    );

    // Mark the page: a reload would lose the marker.
    await page.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });
    await createDaemonSet({
      namespace: EMPTY,
      name: EMPTY,
      image: 'registry.example.com/e2e-agent:1.0.0',
    });
    const counts = await waitForSettled(EMPTY, EMPTY);

    const view = page.getByTestId('daemonset-view');
    await expect(view).toHaveAttribute('data-daemonset', `${EMPTY}/${EMPTY}`, {
      timeout: 60_000,
    });
    await expect(empty).toHaveCount(0);
    const nodes = await listNodes();
    await expect(
      view.locator('[data-testid="daemonset-node-map"] [role="option"]'),
    ).toHaveCount(nodes.length);
    await expect(view.getByTestId('stat-desired')).toContainText(
      String(counts.desired),
    );
    await expect(
      view.locator('[data-testid="daemonset-node-map"] [data-verdict="ok"]'),
    ).toHaveCount(counts.ready, { timeout: 60_000 });
    expect(
      await page.evaluate(
        () => (window as unknown as { __noReload?: boolean }).__noReload,
      ),
    ).toBe(true);
  });
});

test('an entity naming a cluster that is not configured gets an error naming the annotation', async ({
  page,
}) => {
  await signInAsGuest(page);
  await page.goto(tabUrl('e2e-tab-unknown-cluster'));
  const error = page.getByTestId('daemonset-error');
  await expect(error).toHaveAttribute('data-error-kind', 'badRequest');
  await expect(error).toContainText('Invalid DaemonSet annotation');
  await expect(error).toContainText(
    "Annotation backstage.io/kubernetes-cluster is invalid: cluster 'no-such-cluster' is not configured",
  );
  await expect(page.getByTestId('daemonset-view')).toHaveCount(0);
});

/**
 * Lets the test drop the page's open live streams as a lost network connection would: Chromium's
 * offline emulation fails new requests but leaves an open response stream running.
 */
async function allowDroppingLiveStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const original = window.fetch.bind(window);
    const open = new Set<AbortController>();
    (window as unknown as { __dropLiveStreams: () => void }).__dropLiveStreams =
      () => {
        for (const controller of open) {
          controller.abort(new TypeError('network connection lost'));
        }
        open.clear();
      };
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.headers.get('Accept') !== 'text/event-stream') {
        return original(request);
      }
      const controller = new AbortController();
      request.signal.addEventListener('abort', () => controller.abort());
      open.add(controller);
      return original(new Request(request, { signal: controller.signal }));
    };
  });
}

test('a lost live connection shows Reconnecting with the data kept, then Live again', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await allowDroppingLiveStreams(page);
  // Reads the demo DaemonSet only.
  await signInAsGuest(page);
  await page.goto(tabUrl('node-agent'));
  const indicator = page.getByTestId('daemonset-live-indicator');
  await expect(indicator).toHaveText('Live');
  const cells = page
    .getByTestId('daemonset-view')
    .first()
    .locator('[data-testid="daemonset-node-map"] [role="option"]');
  const nodes = await listNodes();
  await expect(cells).toHaveCount(nodes.length);

  // The network goes down: the open stream breaks and new attempts fail.
  await context.setOffline(true);
  await page.evaluate(() =>
    (
      window as unknown as { __dropLiveStreams: () => void }
    ).__dropLiveStreams(),
  );
  await expect(indicator).toHaveAttribute('data-state', 'reconnecting');
  await expect(indicator).toHaveText(
    /^Reconnecting — data as of \d{1,2}:\d{2}/,
  );
  // The last data stays on screen while the channel is down.
  await expect(cells).toHaveCount(nodes.length);

  await context.setOffline(false);
  // The client backs off (at most 30 s between attempts), so allow a few attempts.
  await expect(indicator).toHaveAttribute('data-state', 'live', {
    timeout: 90_000,
  });
  await expect(indicator).toHaveText('Live');
  await expect(cells).toHaveCount(nodes.length);
});
