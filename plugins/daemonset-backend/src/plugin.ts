import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { daemonSetPermissions } from '@daemonsets/plugin-daemonset-common';
import {
  readApprovalPolicy,
  readClusterDefinitions,
} from '@daemonsets/plugin-daemonset-node';
import { readPluginOptions } from './service/readPluginOptions';
import { createRouter } from './service/router';
import { ClusterWatches } from './watch/ClusterWatches';
import { StatusViews } from './watch/StatusViews';
import { WizardServices } from './wizard/WizardServices';

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
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        lifecycle,
        catalog,
      }) {
        const clusters = readClusterDefinitions(config);
        const options = readPluginOptions(config);
        const policy = readApprovalPolicy(config);
        permissionsRegistry.addPermissions(daemonSetPermissions);
        logger.info(
          `Serving DaemonSet status for ${
            clusters.length
          } cluster(s): ${clusters.map(c => c.name).join(', ')}`,
        );

        const watches = new Map(
          clusters.map(cluster => [
            cluster.name,
            new ClusterWatches(cluster, logger, {
              stallTimeoutMs: options.watchStallTimeoutMs,
              watchTimeoutSeconds: Math.max(
                1,
                Math.round(options.watchTimeoutMs / 1000),
              ),
            }),
          ]),
        );
        const views = new StatusViews({
          clusters: watches,
          idleTimeoutMs: options.watchIdleTimeoutMs,
          logger,
        });
        const wizard = new WizardServices({
          clusters,
          watches,
          idleTimeoutMs: options.watchIdleTimeoutMs,
          initialListTimeoutMs: options.initialListTimeoutMs,
        });
        lifecycle.addShutdownHook(() => {
          views.close();
          wizard.close();
          for (const w of watches.values()) w.stopAll();
        });

        httpRouter.use(
          await createRouter({
            clusters,
            views,
            catalog,
            permissions,
            httpAuth,
            initialListTimeoutMs: options.initialListTimeoutMs,
            wizard,
            policy,
          }),
        );
      },
    });
  },
});
