/**
 * The DaemonSet entity tab for apps on the new frontend system.
 *
 * @packageDocumentation
 */

import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { daemonSetApiRef, DaemonSetClient } from './api';
import { isDaemonSetAvailable } from './annotations';

const daemonSetApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: daemonSetApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new DaemonSetClient({ discoveryApi, fetchApi }),
    }),
});

const entityDaemonSetContent = EntityContentBlueprint.make({
  params: {
    path: 'daemonset',
    title: 'DaemonSet',
    filter: isDaemonSetAvailable,
    loader: () =>
      import('./components/EntityDaemonSetContent').then(m => (
        <m.EntityDaemonSetContent />
      )),
  },
});

/**
 * The DaemonSet plugin for apps on the new frontend system: an API and an entity content tab.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'daemonset',
  extensions: [daemonSetApi, entityDaemonSetContent],
});
