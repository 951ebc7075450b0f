/**
 * Backend plugin for live per-node DaemonSet status.
 *
 * @packageDocumentation
 */

export { daemonSetPlugin as default } from './plugin';
export {
  createDaemonSetApprovalConditionalDecision,
  daemonSetApprovalConditions,
  daemonSetApprovalResourceRef,
} from './approvals';
export type { ApprovalQuery, ApprovalResource } from './approvals';
