import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readClusterDefinitions } from '@daemonsets/plugin-daemonset-node';
import { DaemonSetEntityProvider } from './DaemonSetEntityProvider';
import { readProviderOptions } from './providerOptions';

/**
 * Adds one DaemonSet entity provider per cluster of `kubernetes.clusterLocatorMethods` to the
 * catalog, configured by `catalog.providers.daemonset`.
 *
 * @public
 */
export const catalogModuleDaemonSetEntityProvider = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'daemonset-entity-provider',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
      },
      async init({ catalog, config, logger, scheduler, lifecycle }) {
        const clusters = readClusterDefinitions(config);
        const options = readProviderOptions(
          config,
          clusters.map(c => c.name),
        );
        const providers = clusters.map(
          cluster =>
            new DaemonSetEntityProvider({
              cluster,
              options,
              logger,
              scheduler,
            }),
        );
        catalog.addEntityProvider(providers);
        lifecycle.addShutdownHook(async () => {
          await Promise.all(providers.map(p => p.stop()));
        });
      },
    });
  },
});
