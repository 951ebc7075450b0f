import {
  AuthService,
  DiscoveryService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createDaemonSetApplyAction } from './apply';
import { createDaemonSetGenerateAction } from './generate';
import { createDaemonSetRequestApprovalAction } from './requestApproval';
import {
  readApprovalPolicy,
  readClusterDefinitions,
} from '@daemonsets/plugin-daemonset-node';

export { createDaemonSetApplyAction } from './apply';
export type {
  DaemonSetApplyActionInput,
  DaemonSetApplyActionOptions,
  DaemonSetApplyActionOutput,
} from './apply';
export { createDaemonSetGenerateAction } from './generate';
export type {
  DaemonSetGenerateActionInput,
  DaemonSetGenerateActionOutput,
} from './generate';
export { createDaemonSetRequestApprovalAction } from './requestApproval';
export type {
  DaemonSetRequestApprovalActionInput,
  DaemonSetRequestApprovalActionOptions,
  DaemonSetRequestApprovalActionOutput,
} from './requestApproval';

/**
 * Creates the `daemonset:*` scaffolder actions.
 *
 * @throws Error when `daemonset.policy` or the cluster configuration is invalid.
 * @public
 */
export function createDaemonSetActions(options: {
  config: RootConfigService;
  logger: LoggerService;
  /** Finds the DaemonSet backend plugin, which stores approval requests. */
  discovery: DiscoveryService;
  /** Issues on-behalf-of tokens for filing approval requests. */
  auth: AuthService;
}): TemplateAction<any, any, any>[] {
  const policy = readApprovalPolicy(options.config);
  return [
    createDaemonSetGenerateAction({ config: options.config, policy }),
    createDaemonSetApplyAction({
      config: options.config,
      logger: options.logger,
      policy,
    }),
    createDaemonSetRequestApprovalAction({
      discovery: options.discovery,
      auth: options.auth,
      policy,
      clusters: readClusterDefinitions(options.config),
    }),
  ];
}
