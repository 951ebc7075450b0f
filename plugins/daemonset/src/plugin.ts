import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { daemonSetApiRef, DaemonSetClient } from './api';
import { daemonSetApprovalsRouteRef } from './routes';

/**
 * The DaemonSet plugin for apps on the classic frontend system.
 *
 * @public
 */
export const daemonSetPlugin = createPlugin({
  id: 'daemonset',
  apis: [
    createApiFactory({
      api: daemonSetApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DaemonSetClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { approvals: daemonSetApprovalsRouteRef },
});

/**
 * The DaemonSet tab content, for an `EntityLayout.Route` guarded by `isDaemonSetAvailable`.
 *
 * @public
 */
export const EntityDaemonSetContent = daemonSetPlugin.provide(
  createComponentExtension({
    name: 'EntityDaemonSetContent',
    component: {
      lazy: () =>
        import('./components/EntityDaemonSetContent').then(
          m => m.EntityDaemonSetContent,
        ),
    },
  }),
);

/**
 * The Approvals page: DaemonSet approval requests and each request's review page; mount it at
 * `/daemonset-approvals` (the path notifications and the entity tab's banner link to), e.g.
 * `<Route path="/daemonset-approvals" element={<DaemonSetApprovalsPage />} />`.
 *
 * @public
 */
export const DaemonSetApprovalsPage: () => JSX.Element =
  daemonSetPlugin.provide(
    createRoutableExtension({
      name: 'DaemonSetApprovalsPage',
      component: () =>
        import('./components/Approvals').then(m => m.ApprovalsPage),
      mountPoint: daemonSetApprovalsRouteRef,
    }),
  );
