import { z } from 'zod';
import { absolutePath, dns1123Label } from './formats';
import { isImageFromRegistry, parseImageReference } from './image';
import {
  formatPath,
  PathSegment,
  Problem,
  zodIssuesToProblems,
} from './problems';
import type { ParsedDaemonSetInput } from './schema';

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

/**
 * What the policy says about one input: refusals as problems, and the reasons a human must
 * approve it.
 *
 * @public
 */
export interface PolicyOutcome {
  /** One problem per `deny` rule the input breaks. */
  problems: Problem[];
  /** One readable reason per `requireApproval` rule the input meets. */
  approvalReasons: string[];
}

/** Resolves `.`, `..` and repeated slashes of an absolute POSIX path, like `path.posix.normalize`. */
function normalisePosixPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '..') {
      segments.pop();
    } else if (segment !== '' && segment !== '.') {
      segments.push(segment);
    }
  }
  return `/${segments.join('/')}`;
}

/**
 * Whether a path lies under one of the prefixes (`/var/log` covers `/var/log/app`, not
 * `/var/log/../etc`).
 *
 * @public
 */
export function isPathUnder(
  path: string,
  prefixes: ReadonlyArray<string>,
): boolean {
  const target = normalisePosixPath(path);
  return prefixes.some(prefix => {
    const base = normalisePosixPath(prefix);
    return base === '/' || target === base || target.startsWith(`${base}/`);
  });
}

/**
 * Applies an {@link ApprovalPolicy} to a parsed input.
 *
 * @public
 */
export function evaluateApprovalPolicy(
  input: ParsedDaemonSetInput,
  policy: ApprovalPolicy = defaultApprovalPolicy,
): PolicyOutcome {
  const outcome: PolicyOutcome = { problems: [], approvalReasons: [] };
  const apply = (
    rule: PolicyDecision,
    key: string,
    path: PathSegment[],
    what: string,
  ): void => {
    const at = formatPath(path);
    if (rule === 'deny') {
      outcome.problems.push({
        path: at,
        message: `${what}, which is denied by the platform policy (daemonset.policy.${key})`,
      });
    } else if (rule === 'requireApproval') {
      outcome.approvalReasons.push(
        `${at}: ${what}, which requires approval (daemonset.policy.${key})`,
      );
    }
  };

  const { protectedNamespaces, hostPath, allowedRegistries } = policy;
  if (protectedNamespaces.namespaces.includes(input.namespace)) {
    apply(
      protectedNamespaces.decision,
      'protectedNamespaces',
      ['namespace'],
      `namespace "${input.namespace}" is protected`,
    );
  }
  if (input.hostNetwork) {
    apply(
      policy.hostNetwork,
      'hostNetwork',
      ['hostNetwork'],
      "the pods use the node's network",
    );
  }
  const prefixes = hostPath.allowedPathPrefixes;
  const outside = `outside the allowed prefixes (${
    prefixes.join(', ') || 'none'
  })`;
  if (input.timezoneSync && !isPathUnder('/etc/localtime', prefixes)) {
    apply(
      hostPath.decision,
      'hostPath',
      ['timezoneSync'],
      `time-zone sync mounts the node path /etc/localtime, ${outside}`,
    );
  }
  (input.volumes ?? []).forEach((volume, index) => {
    if (volume.hostPath && !isPathUnder(volume.hostPath.path, prefixes)) {
      apply(
        hostPath.decision,
        'hostPath',
        ['volumes', index, 'hostPath', 'path'],
        `volume "${volume.name}" mounts the node path ${volume.hostPath.path}, ${outside}`,
      );
    }
  });
  input.containers.forEach((container, index) => {
    if (container.privileged) {
      apply(
        policy.privileged,
        'privileged',
        ['containers', index, 'privileged'],
        `container "${container.name}" runs privileged`,
      );
    }
    const reference = parseImageReference(container.image);
    if (
      reference &&
      allowedRegistries.registries.length > 0 &&
      !isImageFromRegistry(reference, allowedRegistries.registries)
    ) {
      apply(
        allowedRegistries.decision,
        'allowedRegistries',
        ['containers', index, 'image'],
        `container "${container.name}" uses image ${reference.registry}/${
          reference.repository
        } from outside the allowed registries (${allowedRegistries.registries.join(
          ', ',
        )})`,
      );
    }
  });
  return outcome;
}
