import { isImageFromRegistry, parseImageReference } from '../wizard/image';
import type {
  ApprovalPolicy,
  PolicyDecision,
} from '@daemonsets/plugin-daemonset-common';
import { isPathUnder } from '../wizard/paths';

/**
 * One policy rule a ready-made manifest meets whose decision is not `allow`.
 *
 * @public
 */
export interface ManifestPolicyFinding {
  /** The `daemonset.policy` key of the rule. */
  rule:
    | 'privileged'
    | 'hostNetwork'
    | 'hostPath'
    | 'protectedNamespaces'
    | 'allowedRegistries';
  /** What the rule decides for this finding. */
  decision: Exclude<PolicyDecision, 'allow'>;
  /** Readable, e.g. `DaemonSet ns/name container agent is privileged (daemonset.policy.privileged: requireApproval)`. */
  message: string;
}

/**
 * What the policy says about ready-made manifests.
 *
 * @public
 */
export interface ManifestPolicyOutcome {
  /** Every finding, in manifest order. */
  findings: ManifestPolicyFinding[];
  /** Findings whose decision is `deny`: the manifests may not be applied at all. */
  denied: ManifestPolicyFinding[];
  /** Findings whose decision is `requireApproval`. */
  approvalReasons: ManifestPolicyFinding[];
  /**
   * Distinct approvers needed: the highest count among the rules that require approval
   * (`daemonset.policy.requiredApprovals`, `daemonset.policy.protectedNamespaces.requiredApprovals`);
   * 0 when nothing requires approval.
   */
  requiredApprovals: number;
}

interface ContainerLike {
  name?: string;
  image?: string;
  securityContext?: { privileged?: boolean };
}

interface ObjectLike {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: {
    template?: {
      spec?: {
        hostNetwork?: boolean;
        containers?: ContainerLike[];
        initContainers?: ContainerLike[];
        volumes?: Array<{ name?: string; hostPath?: { path?: string } }>;
      };
    };
  };
}

/**
 * Checks ready-made manifests (parsed objects) against an `ApprovalPolicy`: manifests can
 * come from anywhere, so whoever applies them re-checks what the generator would have flagged.
 *
 * @public
 */
export function evaluateManifestPolicy(
  objects: ReadonlyArray<unknown>,
  policy: ApprovalPolicy,
): ManifestPolicyOutcome {
  const findings: ManifestPolicyFinding[] = [];
  let requiredApprovals = 0;
  const general = policy.requiredApprovals ?? 1;
  const flag = (
    decision: PolicyDecision,
    rule: ManifestPolicyFinding['rule'],
    what: string,
    ruleApprovals = general,
  ) => {
    if (decision === 'allow') {
      return;
    }
    findings.push({
      rule,
      decision,
      message: `${what} (daemonset.policy.${rule}: ${decision})`,
    });
    if (decision === 'requireApproval') {
      requiredApprovals = Math.max(requiredApprovals, general, ruleApprovals);
    }
  };
  const { protectedNamespaces, allowedRegistries } = policy;
  for (const value of objects) {
    const object = value as ObjectLike;
    const id = `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}`;
    const namespace = object.metadata?.namespace;
    if (namespace && protectedNamespaces.namespaces.includes(namespace)) {
      flag(
        protectedNamespaces.decision,
        'protectedNamespaces',
        `${id} is in protected namespace ${namespace}`,
        protectedNamespaces.requiredApprovals ?? general,
      );
    }
    const pod =
      object.kind === 'DaemonSet' ? object.spec?.template?.spec : undefined;
    if (!pod) {
      continue;
    }
    if (pod.hostNetwork) {
      flag(policy.hostNetwork, 'hostNetwork', `${id} uses the host network`);
    }
    for (const container of [
      ...(pod.containers ?? []),
      ...(pod.initContainers ?? []),
    ]) {
      if (container.securityContext?.privileged) {
        flag(
          policy.privileged,
          'privileged',
          `${id} container ${container.name} is privileged`,
        );
      }
      const reference =
        typeof container.image === 'string'
          ? parseImageReference(container.image)
          : undefined;
      if (
        reference &&
        allowedRegistries.registries.length > 0 &&
        !isImageFromRegistry(reference, allowedRegistries.registries)
      ) {
        flag(
          allowedRegistries.decision,
          'allowedRegistries',
          `${id} container ${container.name} uses image ${reference.registry}/${reference.repository} from outside the allowed registries`,
        );
      }
    }
    for (const volume of pod.volumes ?? []) {
      const path = volume.hostPath?.path;
      if (
        typeof path === 'string' &&
        !isPathUnder(path, policy.hostPath.allowedPathPrefixes)
      ) {
        flag(
          policy.hostPath.decision,
          'hostPath',
          `${id} volume ${volume.name} mounts node path ${path}`,
        );
      }
    }
  }
  return {
    findings,
    denied: findings.filter(f => f.decision === 'deny'),
    approvalReasons: findings.filter(f => f.decision === 'requireApproval'),
    requiredApprovals,
  };
}

/**
 * The messages of every rule ready-made manifests meet that is not `allow`.
 *
 * @public
 */
export function manifestPolicyFindings(
  objects: ReadonlyArray<unknown>,
  policy: ApprovalPolicy,
): string[] {
  return evaluateManifestPolicy(objects, policy).findings.map(f => f.message);
}
