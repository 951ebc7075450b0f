import type { Config } from '@backstage/config';
import {
  ApprovalPolicy,
  parseApprovalPolicy,
} from '@daemonsets/plugin-daemonset-common';

/**
 * Reads `daemonset.policy`, the same for the scaffolder module and the backend plugin.
 *
 * @throws Error naming each invalid key, so the backend stops at startup.
 * @public
 */
export function readApprovalPolicy(config: Config): ApprovalPolicy {
  return parseApprovalPolicy(config.getOptional('daemonset.policy'));
}
