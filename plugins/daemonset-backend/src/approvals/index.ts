export { ApprovalService } from './ApprovalService';
export type { ApprovalServiceOptions } from './ApprovalService';
export { addApprovalRoutes } from './routes';
export {
  createDaemonSetApprovalConditionalDecision,
  daemonSetApprovalConditions,
  daemonSetApprovalResourceRef,
} from './permissionRules';
export type { ApprovalQuery, ApprovalResource } from './permissionRules';
