/*
 * Browser tests of the DaemonSet tab's controls: node map (mouse and keyboard), sorting, label
 * filters and the verdict / problems filters. The expected rows come from the cluster's own
 * objects (nodes and pods, read as its admin), never from the page.
 *
 * Set-up: the `e2e-tab-controls` entity's DaemonSet in its own namespace, updated with OnDelete
 * to an image the nodes cannot pull, and the pods of two nodes deleted: those two nodes fail, the
 * other pods run the old revision (progressing), nodes without a pod are not eligible.
 */
import { expect, Locator, Page, test } from '@playwright/test';
import {
  listNodesWithLabels,
  listPods,
  deleteObject,
  setDaemonSetImage,
  ClusterNode,
  ClusterPod,
} from './localCluster';
import { signInAsGuest } from './signIn';
import {
  createDaemonSet,
  deleteNamespace,
  freshNamespace,
  KUBERNETES_ID,
  mapCells,
  tabUrl,
  tableNodes,
  waitForSettled,
} from './tabFixtures';

const NAME = 'e2e-tab-controls';
const NAMESPACE = 'e2e-tab-controls';
const GOOD_IMAGE = 'registry.example.com/e2e-agent:1.0.0';
const BROKEN_IMAGE = 'registry.invalid/e2e-agent:broken';
const ZONE = 'topology.kubernetes.io/zone';
const CONTROL_PLANE = 'node-role.kubernetes.io/control-plane';

const byName = (a: string, b: string) => {
  if (a === b) return 0;
  return a < b ? -1 : 1;
};

/** What the cluster says about each node: its labels, its pod of the DaemonSet and a verdict. */
interface Oracle {
  nodes: ClusterNode[];
  podOf: Map<string, ClusterPod>;
  verdictOf: Map<string, 'failing' | 'progressing' | 'notEligible'>;
}

let oracle: Oracle;

async function readOracle(): Promise<Oracle> {
  const nodes = await listNodesWithLabels();
  const pods = await listPods(NAMESPACE, `${KUBERNETES_ID}=${NAME}`);
  const podOf = new Map(pods.filter(p => p.node).map(p => [p.node!, p]));
  const verdictOf = new Map(
    nodes.map(n => {
      const pod = podOf.get(n.name);
      if (!pod) return [n.name, 'notEligible' as const];
      return [
        n.name,
        pod.images.includes(BROKEN_IMAGE)
          ? ('failing' as const)
          : ('progressing' as const),
      ];
    }),
  );
  return { nodes, podOf, verdictOf };
}

const nodesWith = (verdicts: string[]) =>
  oracle.nodes
    .filter(n => verdicts.includes(oracle.verdictOf.get(n.name)!))
    .map(n => n.name)
    .sort(byName);

/** The nodes in the report's order: worst verdict first, then by name. */
function reportOrder(): string[] {
  const rank = ['failing', 'progressing', 'notEligible'];
  return oracle.nodes
    .map(n => n.name)
    .sort(
      (a, b) =>
        rank.indexOf(oracle.verdictOf.get(a)!) -
          rank.indexOf(oracle.verdictOf.get(b)!) || byName(a, b),
    );
}

test.beforeAll(async () => {
  test.setTimeout(420_000);
  await freshNamespace(NAMESPACE);
  await createDaemonSet({
    namespace: NAMESPACE,
    name: NAME,
    image: GOOD_IMAGE,
    strategy: 'OnDelete',
  });
  await waitForSettled(NAMESPACE, NAME);
  await setDaemonSetImage(NAMESPACE, NAME, 'agent', BROKEN_IMAGE);
  const before = await listPods(NAMESPACE, `${KUBERNETES_ID}=${NAME}`);
  const broken = before
    .map(p => p.node!)
    .sort(byName)
    .slice(0, 2);
  for (const pod of before.filter(p => broken.includes(p.node!))) {
    await deleteObject(`/api/v1/namespaces/${NAMESPACE}/pods/${pod.name}`);
  }
  // OnDelete: the controller replaces exactly the deleted pods, with the broken image.
  await expect
    .poll(
      async () => {
        const pods = await listPods(NAMESPACE, `${KUBERNETES_ID}=${NAME}`);
        return pods
          .filter(p => !p.deleting && p.images.includes(BROKEN_IMAGE))
          .map(p => p.node)
          .sort();
      },
      { message: 'the two deleted pods come back broken', timeout: 120_000 },
    )
    .toEqual(broken);
  oracle = await readOracle();
  expect(nodesWith(['failing'])).toEqual(broken);
  expect(nodesWith(['progressing']).length).toBeGreaterThan(0);
  expect(nodesWith(['notEligible']).length).toBeGreaterThan(0);
});

test.afterAll(async () => {
  await deleteNamespace(NAMESPACE);
});

async function openTab(page: Page): Promise<Locator> {
  await signInAsGuest(page);
  await page.goto(tabUrl(NAME));
  const view = page.getByTestId('daemonset-view');
  await expect(view).toHaveAttribute('data-daemonset', `${NAMESPACE}/${NAME}`);
  // The failing verdicts arrive once the backend sees the pods stuck pulling the image.
  await expect
    .poll(() => mapCells(view), { timeout: 60_000 })
    .toEqual(
      reportOrder().map(node => ({
        node,
        verdict: oracle.verdictOf.get(node),
      })),
    );
  return view;
}

test('the node map shows every node of the cluster with the verdict its pod implies', async ({
  page,
}) => {
  const view = await openTab(page);
  await expect(
    view.getByText(
      `Showing ${oracle.nodes.length} of ${oracle.nodes.length} nodes`,
    ),
  ).toBeVisible();
  // The legend counts what the cluster holds.
  await expect(
    view.getByRole('listitem', {
      name: `Failing: ${nodesWith(['failing']).length}`,
    }),
  ).toBeVisible();
  await expect(
    view.getByRole('listitem', {
      name: `Not eligible: ${nodesWith(['notEligible']).length}`,
    }),
  ).toBeVisible();
});

test('clicking a node square opens that node’s details and selects its row', async ({
  page,
}) => {
  const view = await openTab(page);
  const detail = view.getByTestId('daemonset-node-detail');
  await expect(detail).toHaveCount(0);

  const failing = nodesWith(['failing'])[1];
  await view.getByRole('option', { name: `${failing}: Failing` }).click();
  await expect(detail).toHaveAttribute(
    'aria-label',
    `Details of node ${failing}`,
  );
  await expect(detail).toContainText(/ImagePullBackOff|ErrImagePull/);
  await expect(detail).toContainText(oracle.podOf.get(failing)!.name);
  await expect(
    view.locator(`[data-testid="daemonset-node-row"][data-node="${failing}"]`),
  ).toHaveAttribute('aria-selected', 'true');
  await expect(view.getByTestId('daemonset-node-map-selection')).toHaveText(
    `Selected ${failing}: Failing`,
  );

  const idle = nodesWith(['notEligible'])[0];
  await view.getByRole('option', { name: `${idle}: Not eligible` }).click();
  await expect(detail).toHaveAttribute('aria-label', `Details of node ${idle}`);
  await expect(detail).toContainText('The DaemonSet should not run');

  await detail.getByRole('button', { name: 'Close details' }).click();
  await expect(detail).toHaveCount(0);
});

test('the node map is usable from the keyboard: arrows, Home, End, Enter and Space', async ({
  page,
}) => {
  const view = await openTab(page);
  const order = reportOrder();
  const detail = view.getByTestId('daemonset-node-detail');
  const map = view.getByRole('listbox', { name: /^Node map/ });

  // Focus starts on the first problem, the first row in the report's order.
  await map.focus();
  await page.keyboard.press('Enter');
  await expect(detail).toHaveAttribute(
    'aria-label',
    `Details of node ${order[0]}`,
  );
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press(' ');
  await expect(detail).toHaveAttribute(
    'aria-label',
    `Details of node ${order[1]}`,
  );
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(detail).toHaveAttribute(
    'aria-label',
    `Details of node ${order[order.length - 1]}`,
  );
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  // Down moves a whole row of squares: as many as fit the map's width.
  const perRow = await map.evaluate(
    el => getComputedStyle(el).gridTemplateColumns.split(' ').length,
  );
  await expect(detail).toHaveAttribute(
    'aria-label',
    `Details of node ${order[Math.min(perRow, order.length - 1)]}`,
  );
});

test('clicking a column header sorts the rows as the cluster’s data sorts', async ({
  page,
}) => {
  const view = await openTab(page);
  const header = (name: string) =>
    view.getByRole('columnheader', { name, exact: true });
  const names = oracle.nodes.map(n => n.name).sort(byName);

  // Default: the report's order, worst first.
  await expect.poll(() => tableNodes(view)).toEqual(reportOrder());

  await header('Node').getByRole('button').click();
  await expect(header('Node')).toHaveAttribute('aria-sort', 'ascending');
  await expect.poll(() => tableNodes(view)).toEqual(names);

  await header('Node').getByRole('button').click();
  await expect(header('Node')).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(() => tableNodes(view)).toEqual([...names].reverse());

  // By pod name (the cluster's pods), rows without a pod first, ties by node name.
  const collator = new Intl.Collator(undefined, {
    numeric: true,
    sensitivity: 'base',
  });
  const podName = (node: string) => oracle.podOf.get(node)?.name ?? '';
  const byPod = [...names].sort(
    (a, b) =>
      collator.compare(podName(a), podName(b)) || collator.compare(a, b),
  );
  await header('Pod').getByRole('button').click();
  await expect(header('Pod')).toHaveAttribute('aria-sort', 'ascending');
  await expect(header('Node')).toHaveAttribute('aria-sort', 'none');
  await expect.poll(() => tableNodes(view)).toEqual(byPod);
});

test('a node label filter keeps exactly the nodes whose labels match', async ({
  page,
}) => {
  const view = await openTab(page);
  const labelFilter = view.getByTestId('daemonset-label-filter');
  const total = oracle.nodes.length;
  const zone = oracle.nodes[0].labels[ZONE];
  expect(zone).toBeTruthy();
  const inZone = oracle.nodes
    .filter(n => n.labels[ZONE] === zone)
    .map(n => n.name);

  await labelFilter.fill(`${ZONE}=${zone}`);
  await expect
    .poll(async () => (await tableNodes(view)).sort(byName))
    .toEqual(inZone.sort(byName));
  await expect(
    view.getByText(`Showing ${inZone.length} of ${total} nodes`),
  ).toBeVisible();

  // A key alone matches any value; terms combine with AND.
  const controlPlaneInZone = oracle.nodes
    .filter(n => n.labels[ZONE] === zone && CONTROL_PLANE in n.labels)
    .map(n => n.name);
  await labelFilter.fill(`${ZONE}=${zone}, ${CONTROL_PLANE}`);
  await expect
    .poll(async () => (await tableNodes(view)).sort(byName))
    .toEqual(controlPlaneInZone.sort(byName));

  await labelFilter.fill(`${ZONE}=no-such-zone`);
  await expect(view.getByText('No nodes match the filters.')).toBeVisible();
  await expect(view.getByText(`Showing 0 of ${total} nodes`)).toBeVisible();

  await view.getByRole('button', { name: 'Clear filters' }).click();
  await expect(labelFilter).toHaveValue('');
  await expect(
    view.getByText(`Showing ${total} of ${total} nodes`),
  ).toBeVisible();
});

test('the verdict and problems-only filters keep exactly the nodes with those verdicts', async ({
  page,
}) => {
  const view = await openTab(page);
  const sortedTable = async () => (await tableNodes(view)).sort(byName);

  const chooseVerdict = async (label: string) => {
    // The select of the filter bar (the column header "Verdict" is a button too).
    await view
      .getByRole('search', { name: 'Filter nodes' })
      .locator('[aria-haspopup="listbox"]')
      .click();
    await page.getByRole('option', { name: label, exact: true }).click();
  };

  await chooseVerdict('Failing');
  await expect.poll(sortedTable).toEqual(nodesWith(['failing']));
  await chooseVerdict('Not eligible');
  await expect.poll(sortedTable).toEqual(nodesWith(['notEligible']));
  await chooseVerdict('OK');
  await expect(view.getByText('No nodes match the filters.')).toBeVisible();
  await chooseVerdict('All verdicts');
  await expect
    .poll(sortedTable)
    .toEqual(oracle.nodes.map(n => n.name).sort(byName));

  await view.getByRole('checkbox', { name: 'Problems only' }).check();
  await expect.poll(sortedTable).toEqual(nodesWith(['failing', 'progressing']));

  // Selecting a filtered-out node on the map clears the filters to show its row.
  const idle = nodesWith(['notEligible'])[0];
  await view.getByRole('option', { name: `${idle}: Not eligible` }).click();
  await expect(
    view.getByRole('checkbox', { name: 'Problems only' }),
  ).not.toBeChecked();
  await expect(
    view.locator(`[data-testid="daemonset-node-row"][data-node="${idle}"]`),
  ).toHaveAttribute('aria-selected', 'true');
});

test('the filter bar works from the keyboard and by its labels: verdict select, label field, sort buttons', async ({
  page,
}) => {
  const view = await openTab(page);
  const sortedTable = async () => (await tableNodes(view)).sort(byName);
  const filterBar = view.getByRole('search', { name: 'Filter nodes' });

  // The verdict select is named by its label and value before and after it is first used.
  const verdict = filterBar.getByRole('button', {
    name: 'Verdict All verdicts',
  });
  await verdict.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('listbox', { name: 'Verdict' });
  await expect(menu).toBeVisible();
  const focusedOption = menu.locator('[role="option"]:focus');
  for (let i = 0; i < 10; i++) {
    if ((await focusedOption.textContent()) === 'Failing') break;
    await page.keyboard.press('ArrowDown');
  }
  await expect(focusedOption).toHaveText('Failing');
  await page.keyboard.press('Enter');
  await expect(menu).toBeHidden();
  await expect.poll(sortedTable).toEqual(nodesWith(['failing']));
  const chosen = filterBar.getByRole('button', { name: 'Verdict Failing' });
  await expect(chosen).toBeFocused();
  // Opened again from the keyboard, Escape closes it and changes nothing.
  await page.keyboard.press('Enter');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(chosen).toBeFocused();
  await expect.poll(sortedTable).toEqual(nodesWith(['failing']));
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: 'All verdicts', exact: true }).click();

  // The label field is found by its label and filters as typed.
  const zone = oracle.nodes.find(n => n.labels[ZONE])!.labels[ZONE];
  await filterBar.getByLabel('Node label').fill(`${ZONE}=${zone}`);
  await expect.poll(sortedTable).toEqual(
    oracle.nodes
      .filter(n => n.labels[ZONE] === zone)
      .map(n => n.name)
      .sort(byName),
  );
  await filterBar.getByLabel('Node label').fill('');

  // A column's sort button, pressed from the keyboard, sorts by it and says so.
  const nodeHeader = view.getByRole('columnheader', {
    name: 'Node',
    exact: true,
  });
  await nodeHeader.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(nodeHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(() => tableNodes(view))
    .toEqual(oracle.nodes.map(n => n.name).sort(byName));
  await page.keyboard.press('Enter');
  await expect(nodeHeader).toHaveAttribute('aria-sort', 'descending');
});
