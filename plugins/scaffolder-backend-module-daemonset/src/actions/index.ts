import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createDaemonSetApplyAction } from './apply';
import { createDaemonSetGenerateAction } from './generate';
import { readApprovalPolicy } from '@daemonsets/plugin-daemonset-node';

export { createDaemonSetApplyAction } from './apply';
export type { DaemonSetApplyActionOptions } from './apply';
export { createDaemonSetGenerateAction } from './generate';

/**
 * Creates the `daemonset:*` scaffolder actions.
 *
 * @throws Error when `daemonset.policy` or the cluster configuration is invalid.
 * @public
 */
export function createDaemonSetActions(options: {
  config: RootConfigService;
  logger: LoggerService;
}): TemplateAction<any, any, any>[] {
  const policy = readApprovalPolicy(options.config);
  return [
    createDaemonSetGenerateAction({ config: options.config, policy }),
    createDaemonSetApplyAction({ ...options, policy }),
  ];
}
