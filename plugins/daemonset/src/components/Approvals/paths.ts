/** Where the app mounts the Approvals page (both frontend systems, and notification links). */
export const APPROVALS_PATH = '/daemonset-approvals';

/** The page of one approval request. */
export function approvalRequestPath(id: string): string {
  return `${APPROVALS_PATH}/${encodeURIComponent(id)}`;
}
