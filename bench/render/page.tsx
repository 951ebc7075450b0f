/**
 * The DaemonSet tab (`EntityDaemonSetContent`) in a test app, fed a recorded status answer
 * (`window.__STATUS__`) by a fake API. Bundled with esbuild by `bench/src/render.ts`; reports
 * `window.__RENDER_MS__`, in ms until the node rows are in the DOM and painted:
 *
 * - default (`/`): `cold`, the tab alone mounted in a fresh page (test-app boot included), then
 *   `warm`, a second mount of the tab in the same page;
 * - `/?mode=first-open`: `firstOpen`, an entity page (header, tabs, overview made of ordinary
 *   Backstage/MUI components) is booted and painted first, then the DaemonSet tab is clicked:
 *   the tab's own components run and its styles are injected for the first time in that page.
 *
 * `&profile` wraps the first open in `console.profile` (see `bench/render/compare.ts`). Every other
 * query parameter is the tab's own view (`?group=daemonsets.dev/pool` groups the map
 * and the table by pool): the tab is mounted at that query, or the tab link leads to it.
 */
import { createRoot } from 'react-dom/client';
import { Route, Routes } from 'react-router-dom';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  Header,
  HeaderLabel,
  InfoCard,
  Page,
  StructuredMetadataTable,
  TabbedLayout,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { TestApiProvider, wrapInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  daemonSetApiRef,
  DaemonSetApi,
  EntityDaemonSetContent,
} from '@daemonsets/plugin-daemonset';

const w = window as any;
const notUsed = async (): Promise<never> => {
  throw new Error('not used by the render bench');
};
const status = w.__STATUS__;
const api: DaemonSetApi = {
  listClusters: async () => [{ name: 'bench', title: 'Bench cluster' }],
  getEntityStatus: async () => status,
  subscribeToEntityStatus(_ref, subscriber) {
    subscriber.onConnectionChange?.({ state: 'live' });
    setTimeout(() => subscriber.onStatus(status, {}), 0);
    return () => {};
  },
  // The wizard routes are not used by the tab this page renders.
  listWizardClusters: async () => [],
  listNamespaces: async () => [],
  listSecrets: async () => [],
  listConfigMaps: async () => [],
  getApprovalPolicy: async () => {
    throw new Error('not used by the render bench');
  },
  previewPlacement: async () => {
    throw new Error('not used by the render bench');
  },
  // No approval waits for the bench DaemonSet: the tab's banner stays empty.
  listApprovalRequests: async () => [],
  getApprovalRequest: notUsed,
  getApprovalLiveObjects: notUsed,
  decideApprovalRequest: notUsed,
  withdrawApprovalRequest: notUsed,
  retryApprovalRequest: notUsed,
};
const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'bench-agent',
    namespace: 'default',
    description: 'The node agent of the bench fleet',
    annotations: { 'backstage.io/kubernetes-id': 'bench-agent' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-platform' },
};

/** The page's query without `mode`: the view the tab opens with (`?group=…`), or ''. */
function tabQuery(): string {
  const params = new URLSearchParams(location.search);
  params.delete('mode');
  params.delete('profile');
  const query = params.toString();
  return query ? `?${query}` : '';
}

const NODE_ROW = '[data-testid="daemonset-node-row"]';
const OVERVIEW_ROW = '[data-testid="overview-row"]';

/** Resolves after `selector` is in `container` and two animation frames (laid out, painted). */
function painted(container: HTMLElement, selector: string): Promise<void> {
  return new Promise(resolve => {
    const check = () => {
      if (container.querySelector(selector)) {
        requestAnimationFrame(() => requestAnimationFrame(() => resolve()));
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

const idle = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Mounts the tab alone; resolves with the time until node rows are in the DOM and painted. */
async function mountAndTime(
  container: HTMLElement,
): Promise<{ ms: number; unmount(): void }> {
  const root = createRoot(container);
  const start = performance.now();
  root.render(
    wrapInTestApp(
      <TestApiProvider apis={[[daemonSetApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityDaemonSetContent />
        </EntityProvider>
      </TestApiProvider>,
      { routeEntries: [`/${tabQuery()}`] },
    ),
  );
  await painted(container, NODE_ROW);
  return { ms: performance.now() - start, unmount: () => root.unmount() };
}

interface Dependency {
  name: string;
  kind: string;
  owner: string;
  lifecycle: string;
  description: string;
}

const columns: TableColumn<Dependency>[] = [
  {
    title: 'Name',
    field: 'name',
    highlight: true,
    render: d => <span data-testid="overview-row">{d.name}</span>,
  },
  { title: 'Kind', field: 'kind' },
  { title: 'Owner', field: 'owner' },
  { title: 'Lifecycle', field: 'lifecycle' },
  { title: 'Description', field: 'description' },
];
const dependencies: Dependency[] = Array.from({ length: 20 }, (_, i) => ({
  name: `dependency-${i + 1}`,
  kind: i % 3 === 0 ? 'Resource' : 'Component',
  owner: `team-${(i % 4) + 1}`,
  lifecycle: i % 5 === 0 ? 'experimental' : 'production',
  description: `Something bench-agent talks to (${i + 1})`,
}));

/** What an entity's overview tab typically shows: about card, links, a table of relations. */
const Overview = () => (
  <Grid container spacing={3} alignItems="stretch">
    <Grid item md={6} xs={12}>
      <InfoCard title="About" subheader="bench-agent">
        <Typography variant="body2" paragraph>
          {entity.metadata.description}
        </Typography>
        <StructuredMetadataTable
          metadata={{
            owner: entity.spec.owner,
            type: entity.spec.type,
            lifecycle: entity.spec.lifecycle,
            tags: ['agent', 'daemonset', 'node'],
          }}
        />
        <div style={{ display: 'flex', gap: 8, marginTop: 16 }}>
          <Chip size="small" label="agent" />
          <Chip size="small" label="daemonset" />
          <Button variant="outlined" color="primary" size="small">
            View source
          </Button>
          <Button variant="contained" color="primary" size="small">
            Edit
          </Button>
        </div>
      </InfoCard>
    </Grid>
    <Grid item md={6} xs={12}>
      <InfoCard title="Links">
        {['Runbook', 'Dashboard', 'Alerts', 'Logs'].map(l => (
          <Typography key={l} variant="body1">
            {l}
          </Typography>
        ))}
      </InfoCard>
    </Grid>
    <Grid item xs={12}>
      <Table<Dependency>
        title="Depends on"
        columns={columns}
        data={dependencies}
        options={{ paging: false, search: true, padding: 'dense' }}
      />
    </Grid>
  </Grid>
);

/** An entity page with an overview tab and the DaemonSet tab. */
const EntityPage = () => (
  <Page themeId="service">
    <Header title="bench-agent" subtitle="Component · service">
      <HeaderLabel label="Owner" value="team-platform" />
      <HeaderLabel label="Lifecycle" value="production" />
    </Header>
    <TabbedLayout>
      <TabbedLayout.Route path="/" title="Overview">
        <Overview />
      </TabbedLayout.Route>
      <TabbedLayout.Route
        path="/daemonset"
        title="DaemonSet"
        // The tab is a link: with a view in the page's query, it leads to the tab in that view.
        tabProps={{ to: `daemonset${tabQuery()}` } as any}
      >
        <EntityDaemonSetContent />
      </TabbedLayout.Route>
    </TabbedLayout>
  </Page>
);

/**
 * Boots the entity page on its overview, waits until it is painted and idle, then clicks the
 * DaemonSet tab; resolves with the time from the click until node rows are in the DOM and painted.
 */
async function firstOpen(container: HTMLElement): Promise<number> {
  const root = createRoot(container);
  root.render(
    wrapInTestApp(
      <TestApiProvider apis={[[daemonSetApiRef, api]]}>
        <EntityProvider entity={entity}>
          <Routes>
            <Route path="/*" element={<EntityPage />} />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
    ),
  );
  await painted(container, OVERVIEW_ROW);
  await idle(300);
  const tab = container.querySelector<HTMLElement>(
    '[data-testid="header-tab-1"]',
  );
  if (!tab) throw new Error('no DaemonSet tab');
  // `?profile`: a CPU profile of the first open, collected by `bench/render/compare.ts`.
  const profile = new URLSearchParams(location.search).has('profile');
  if (profile) console.profile('first-open');
  const start = performance.now();
  tab.click();
  await painted(container, NODE_ROW);
  const ms = performance.now() - start;
  if (profile) console.profileEnd('first-open');
  return ms;
}

(async () => {
  const container = document.getElementById('root')!;
  if (new URLSearchParams(location.search).get('mode') === 'first-open') {
    w.__RENDER_MS__ = { firstOpen: await firstOpen(container) };
    return;
  }
  // First mount in a fresh page (test app boot, JIT, style injection included), then a second
  // mount in the same page.
  const first = await mountAndTime(container);
  first.unmount();
  await idle(200);
  const second = await mountAndTime(container);
  w.__RENDER_MS__ = { cold: first.ms, warm: second.ms };
})();
