export { readApprovalPolicy } from './readApprovalPolicy';
