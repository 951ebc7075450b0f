/**
 * The DaemonSet tab (`EntityDaemonSetContent`) alone, in a test app, fed a recorded status answer
 * (`window.__STATUS__`) by a fake API. Bundled with esbuild by `bench/src/render.ts`; reports
 * `window.__RENDER_MS__`: from the render call until the node rows are in the DOM and painted.
 */
import { createRoot } from 'react-dom/client';
import { TestApiProvider, wrapInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  daemonSetApiRef,
  DaemonSetApi,
  EntityDaemonSetContent,
} from '@daemonsets/plugin-daemonset';

const w = window as any;
const status = w.__STATUS__;
const api: DaemonSetApi = {
  listClusters: async () => [{ name: 'bench', title: 'Bench cluster' }],
  getEntityStatus: async () => status,
  subscribeToEntityStatus(_ref, subscriber) {
    subscriber.onConnectionChange?.({ state: 'live' });
    setTimeout(() => subscriber.onStatus(status, {}), 0);
    return () => {};
  },
};
const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'bench-agent',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'bench-agent' },
  },
};

/** Mounts the tab; resolves with the time until node rows are in the DOM and painted. */
function mountAndTime(
  container: HTMLElement,
): Promise<{ ms: number; unmount(): void }> {
  return new Promise(resolve => {
    const root = createRoot(container);
    const start = performance.now();
    root.render(
      wrapInTestApp(
        <TestApiProvider apis={[[daemonSetApiRef, api]]}>
          <EntityProvider entity={entity}>
            <EntityDaemonSetContent />
          </EntityProvider>
        </TestApiProvider>,
      ),
    );
    const check = () => {
      if (container.querySelector('[data-testid="daemonset-node-row"]')) {
        // Two frames: the rows are laid out and painted.
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve({
              ms: performance.now() - start,
              unmount: () => root.unmount(),
            }),
          ),
        );
      } else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

// First mount in a fresh page (test app boot, JIT, style injection included), then a second
// mount in the same page: what opening the tab in an already running portal costs.
(async () => {
  const container = document.getElementById('root')!;
  const first = await mountAndTime(container);
  first.unmount();
  await new Promise(r => setTimeout(r, 200));
  const second = await mountAndTime(container);
  w.__RENDER_MS__ = { cold: first.ms, warm: second.ms };
})();
