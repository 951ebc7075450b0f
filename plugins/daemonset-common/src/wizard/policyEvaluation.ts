import type {
  ApprovalPolicy,
  ParsedDaemonSetInput,
  PolicyDecision,
  Problem,
} from '@daemonsets/plugin-daemonset-common';
import { isImageFromRegistry, parseImageReference } from './image';
import { isPathUnder } from './paths';
import { defaultApprovalPolicy } from './policy';
import { formatPath, PathSegment } from './problems';

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

/**
 * Applies an `ApprovalPolicy` to a parsed input.
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
