export { ApprovalsPage } from './ApprovalsPage';
export { PendingApprovalBanner } from './PendingApprovalBanner';
export { APPROVALS_PATH, approvalRequestPath } from './paths';
