import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createDaemonSetActions } from './actions';

/**
 * Adds the `daemonset:*` actions to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleDaemonSet = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'daemonset',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, logger, discovery, auth }) {
        scaffolder.addActions(
          ...createDaemonSetActions({ config, logger, discovery, auth }),
        );
      },
    });
  },
});
