import { LoggerService, RootConfigService } from '@backstage/backend-plugin-api';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';

/**
 * Creates the `daemonset:*` scaffolder actions.
 *
 * @public
 */
export function createDaemonSetActions(_options: {
  config: RootConfigService;
  logger: LoggerService;
}): TemplateAction<any, any, any>[] {
  return [];
}
