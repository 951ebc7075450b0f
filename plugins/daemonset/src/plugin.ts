import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { daemonSetApiRef, DaemonSetClient } from './api';

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
