import { z } from 'zod';
import { absolutePath, dns1123Label } from './formats';
import { zodIssuesToProblems } from './problems';

/**
 * What the platform does with a risky choice: let it through, hold it for a human approval,
 * or refuse it.
 *
 * @public
 */
export type PolicyDecision = 'allow' | 'requireApproval' | 'deny';

/**
 * The platform's rules for risky DaemonSet choices, read from `daemonset.policy`.
 *
 * @public
 */
export interface ApprovalPolicy {
  /** Containers with `privileged: true`. */
  privileged: PolicyDecision;
  /** Pods on the node's network (`hostNetwork: true`). */
  hostNetwork: PolicyDecision;
  /** hostPath volumes whose path is outside `allowedPathPrefixes`. */
  hostPath: { decision: PolicyDecision; allowedPathPrefixes: string[] };
  /**
   * Namespaces a DaemonSet may only be created in as `decision` says; `requiredApprovals`
   * distinct approvers when it is `requireApproval` (default: the general `requiredApprovals`).
   */
  protectedNamespaces: {
    decision: PolicyDecision;
    namespaces: string[];
    requiredApprovals?: number;
  };
  /**
   * Registries (`ghcr.io`) or registry paths (`ghcr.io/acme`) images may come from; an empty
   * list allows every registry. `decision` applies to images from anywhere else.
   */
  allowedRegistries: { decision: PolicyDecision; registries: string[] };
  /**
   * Distinct approvers a request needs when a rule requires approval (default 1); the highest
   * count among the rules a request meets wins.
   */
  requiredApprovals?: number;
}

/**
 * The policy used when `daemonset.policy` is not configured: privileged containers, the host
 * network and hostPath volumes outside `/etc/localtime` and `/var/log` need approval; system
 * namespaces are refused; every registry is allowed.
 *
 * @public
 */
export const defaultApprovalPolicy: ApprovalPolicy = Object.freeze({
  privileged: 'requireApproval',
  hostNetwork: 'requireApproval',
  hostPath: Object.freeze({
    decision: 'requireApproval',
    allowedPathPrefixes: ['/etc/localtime', '/var/log'],
  }),
  protectedNamespaces: Object.freeze({
    decision: 'deny',
    namespaces: ['kube-system', 'kube-public', 'kube-node-lease'],
  }),
  allowedRegistries: Object.freeze({ decision: 'deny', registries: [] }),
}) as ApprovalPolicy;

const decision = z.enum(['allow', 'requireApproval', 'deny']);

const policySchema = z
  .object({
    privileged: decision.optional(),
    hostNetwork: decision.optional(),
    hostPath: z
      .object({
        decision: decision.optional(),
        allowedPathPrefixes: z
          .array(z.string().refine(absolutePath.test, absolutePath.message))
          .optional(),
      })
      .strict()
      .optional(),
    protectedNamespaces: z
      .object({
        decision: decision.optional(),
        namespaces: z
          .array(z.string().refine(dns1123Label.test, dns1123Label.message))
          .optional(),
        requiredApprovals: z.number().int().min(1).max(10).optional(),
      })
      .strict()
      .optional(),
    allowedRegistries: z
      .object({
        decision: decision.optional(),
        registries: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
    requiredApprovals: z.number().int().min(1).max(10).optional(),
  })
  .strict();

/**
 * Reads an {@link ApprovalPolicy} from plain configuration data (such as
 * `config.getOptional('daemonset.policy')`); keys left out keep their default.
 *
 * @throws Error listing every invalid key, as `daemonset.policy.<key>`.
 * @public
 */
export function parseApprovalPolicy(raw: unknown): ApprovalPolicy {
  if (raw === undefined || raw === null) {
    return defaultApprovalPolicy;
  }
  const parsed = policySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = zodIssuesToProblems(parsed.error.issues);
    throw new Error(
      `Invalid daemonset.policy configuration: ${problems
        .map(
          p =>
            `${p.path ? `daemonset.policy.${p.path}` : 'daemonset.policy'}: ${
              p.message
            }`,
        )
        .join('; ')}`,
    );
  }
  const value = parsed.data;
  const defaults = defaultApprovalPolicy;
  return {
    privileged: value.privileged ?? defaults.privileged,
    hostNetwork: value.hostNetwork ?? defaults.hostNetwork,
    hostPath: {
      decision: value.hostPath?.decision ?? defaults.hostPath.decision,
      allowedPathPrefixes: [
        ...(value.hostPath?.allowedPathPrefixes ??
          defaults.hostPath.allowedPathPrefixes),
      ],
    },
    protectedNamespaces: {
      decision:
        value.protectedNamespaces?.decision ??
        defaults.protectedNamespaces.decision,
      namespaces: [
        ...(value.protectedNamespaces?.namespaces ??
          defaults.protectedNamespaces.namespaces),
      ],
      ...(value.protectedNamespaces?.requiredApprovals !== undefined && {
        requiredApprovals: value.protectedNamespaces.requiredApprovals,
      }),
    },
    allowedRegistries: {
      decision:
        value.allowedRegistries?.decision ??
        defaults.allowedRegistries.decision,
      registries: [
        ...(value.allowedRegistries?.registries ??
          defaults.allowedRegistries.registries),
      ],
    },
    ...(value.requiredApprovals !== undefined && {
      requiredApprovals: value.requiredApprovals,
    }),
  };
}
