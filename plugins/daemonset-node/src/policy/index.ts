export { readApprovalPolicy } from './readApprovalPolicy';
export { readApprovalConfig } from './readApprovalConfig';
export type { ApprovalConfig } from './readApprovalConfig';
