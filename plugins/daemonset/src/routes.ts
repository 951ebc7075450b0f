import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The Approvals page of the classic app (mounted at `/daemonset-approvals`).
 *
 * @public
 */
export const daemonSetApprovalsRouteRef = createRouteRef({
  id: 'daemonset-approvals',
});
