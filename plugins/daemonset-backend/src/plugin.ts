import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { readClusterDefinitions } from '@daemonsets/plugin-daemonset-node';
import { createRouter } from './service/router';

/**
 * Serves live per-node status of the DaemonSets that catalog entities own.
 *
 * @public
 */
export const daemonSetPlugin = createBackendPlugin({
  pluginId: 'daemonset',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
      },
      async init({ config, logger, httpRouter }) {
        const clusters = readClusterDefinitions(config);
        logger.info(
          `Serving DaemonSet status for ${clusters.length} cluster(s): ${clusters
            .map(c => c.name)
            .join(', ')}`,
        );
        httpRouter.use(await createRouter({ clusters }));
      },
    });
  },
});
