import { Config } from '@backstage/config';
import {
  ApprovalPolicy,
  parseApprovalPolicy,
} from '@daemonsets/plugin-daemonset-common';

/**
 * Reads `daemonset.policy`, failing with a message that names each invalid key.
 *
 * @throws Error when the configured policy is invalid, so the backend stops at startup.
 */
export function readApprovalPolicy(config: Config): ApprovalPolicy {
  return parseApprovalPolicy(config.getOptional('daemonset.policy'));
}
