import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { daemonSetPermissions } from '@daemonsets/plugin-daemonset-common';
import {
  readApprovalPolicy,
  readClusterDefinitions,
} from '@daemonsets/plugin-daemonset-node';
import { registerDaemonSetActions } from './actions';
import { ApprovalService } from './approvals/ApprovalService';
import { startDegradationMonitoring } from './degradation';
import { startPrewarm } from './prewarm';
import { readPluginOptions } from './config/readPluginOptions';
import { createRouter } from './service/router';
import { createLifecycleRouter } from './lifecycle';
import {
  createTroubleshootingRouter,
  DEFAULT_LOG_MAX_BYTES,
} from './troubleshooting';
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
        database: coreServices.database,
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        auth: coreServices.auth,
        actionsRegistry: actionsRegistryServiceRef,
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
        database,
        auditor,
        scheduler,
        notifications,
        auth,
        actionsRegistry,
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

        const watches = ClusterWatches.fromConfig(config, { logger });
        if (
          options.watchNodesFromStart ||
          options.watchDaemonSetPodsFromStart
        ) {
          lifecycle.addStartupHook(() => {
            for (const w of watches.values()) {
              if (options.watchNodesFromStart) w.holdNodes();
              if (options.watchDaemonSetPodsFromStart) w.holdDaemonSetPods();
            }
          });
        }
        const views = StatusViews.fromConfig(config, { watches, logger });
        const wizard = WizardServices.fromConfig(config, { watches });
        const approvals = await ApprovalService.create({
          config,
          database,
          logger,
          auditor,
          permissions,
          permissionsRegistry,
          notifications,
          clusters,
        });
        await scheduler.scheduleTask({
          id: 'daemonset-approvals-housekeeping',
          frequency: { minutes: 1 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 10 },
          fn: () => approvals.housekeeping(),
        });
        registerDaemonSetActions(actionsRegistry, {
          catalog,
          permissions,
          views,
          clusters,
          initialListTimeoutMs: options.initialListTimeoutMs,
          policy,
        });
        await startDegradationMonitoring({
          config,
          database,
          scheduler,
          catalog,
          auth,
          views,
          clusterNames: clusters.map(c => c.name),
          notifications,
          logger,
          initialListTimeoutMs: options.initialListTimeoutMs,
        });
        const recentOpenings = await startPrewarm({
          config,
          database,
          lifecycle,
          catalog,
          auth,
          views,
          clusterNames: clusters.map(c => c.name),
          logger,
          initialListTimeoutMs: options.initialListTimeoutMs,
        });
        lifecycle.addShutdownHook(async () => {
          await approvals.close();
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
            approvals,
            onStatusOpened: recentOpenings
              ? ref => recentOpenings.opened(ref)
              : undefined,
          }),
        );
        httpRouter.use(
          createLifecycleRouter({
            clusters,
            catalog,
            permissions,
            auditor,
            approvals,
            httpAuth,
            policy: () => policy,
          }),
        );
        httpRouter.use(
          createTroubleshootingRouter({
            clusters,
            catalog,
            permissions,
            httpAuth,
            auditor,
            logMaxBytes:
              config.getOptionalNumber('daemonset.logs.maxBytes') ??
              DEFAULT_LOG_MAX_BYTES,
          }),
        );
      },
    });
  },
});
