import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/**
 * How approval requests are handled, read from `daemonset.approval`.
 *
 * @public
 */
export interface ApprovalConfig {
  /** `portal` (requests approved in the portal, the default) or `pull-request` (GitOps). */
  mode: 'portal' | 'pull-request';
  /** How long a pending request waits before it expires, in milliseconds (default 7 days). */
  expireAfterMs: number;
  /** Entity ref of the group notified of new requests, when set. */
  approversGroup?: string;
}

const SEVEN_DAYS_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Reads `daemonset.approval`.
 *
 * @throws Error naming the invalid key, so the backend stops at startup.
 * @public
 */
export function readApprovalConfig(config: Config): ApprovalConfig {
  const mode = config.getOptionalString('daemonset.approval.mode') ?? 'portal';
  if (mode !== 'portal' && mode !== 'pull-request') {
    throw new Error(
      `Invalid daemonset.approval.mode '${mode}': must be 'portal' or 'pull-request'`,
    );
  }
  let expireAfterMs = SEVEN_DAYS_MS;
  if (config.has('daemonset.approval.expireAfter')) {
    expireAfterMs = durationToMilliseconds(
      readDurationFromConfig(config, { key: 'daemonset.approval.expireAfter' }),
    );
    if (!(expireAfterMs > 0)) {
      throw new Error(
        'Invalid daemonset.approval.expireAfter: must be a positive duration',
      );
    }
  }
  const approversGroup = config.getOptionalString(
    'daemonset.approval.approversGroup',
  );
  if (
    approversGroup !== undefined &&
    !/^group:([a-z0-9-_.]+\/)?[^\s:/]+$/i.test(approversGroup)
  ) {
    throw new Error(
      `Invalid daemonset.approval.approversGroup '${approversGroup}': must be a group entity ref such as group:default/platform-team`,
    );
  }
  return {
    mode,
    expireAfterMs,
    ...(approversGroup !== undefined && { approversGroup }),
  };
}
