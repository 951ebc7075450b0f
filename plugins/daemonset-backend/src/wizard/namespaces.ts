import {
  ApprovalPolicy,
  WizardNamespace,
} from '@daemonsets/plugin-daemonset-common';
import type { KubeConfig, V1Namespace } from '@kubernetes/client-node';
import { listCollection } from '../watch/listCollection';

/**
 * What the approval policy says of a DaemonSet in namespace `name`: the decision of the
 * `protectedNamespaces` rule when it lists the namespace, else `allow` (the same test as
 * `evaluateApprovalPolicy`).
 *
 * @internal
 */
export function namespacePolicy(
  name: string,
  policy: ApprovalPolicy,
): WizardNamespace['policy'] {
  const rule = policy.protectedNamespaces;
  return rule.namespaces.includes(name) ? rule.decision : 'allow';
}

/**
 * The namespaces of a cluster, sorted by name, each with its policy; namespaces being deleted
 * are left out (nothing can be created there). The account needs `list` on namespaces.
 *
 * @throws what `listCollection` throws (`ListRequestError`, network errors).
 * @internal
 */
export async function listNamespaces(
  kubeConfig: KubeConfig,
  policy: ApprovalPolicy,
  signal: AbortSignal,
): Promise<WizardNamespace[]> {
  const list = await listCollection<V1Namespace>(
    kubeConfig,
    '/api/v1/namespaces',
    { signal },
  );
  return list.items
    .filter(ns => ns.status?.phase !== 'Terminating')
    .map(ns => ns.metadata?.name ?? '')
    .sort()
    .map(name => ({ name, policy: namespacePolicy(name, policy) }));
}
