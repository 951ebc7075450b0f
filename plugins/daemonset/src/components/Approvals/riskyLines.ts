import { ApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import {
  isImageAllowed,
  isPathUnder,
} from '@daemonsets/plugin-daemonset-common/kubernetes';

/** A line of a manifest that a policy rule holds for approval or refuses. */
export interface RiskyLine {
  /** 1-based line number in the manifest. */
  line: number;
  /** What makes it risky, e.g. `privileged`. */
  reason: string;
}

const PRIVILEGED = /^\s*privileged:\s*true\s*$/;
const HOST_NETWORK = /^\s*hostNetwork:\s*true\s*$/;
const HOST_PATH = /^(\s*)(?:-\s+)?hostPath:\s*$/;
const PATH = /^\s*path:\s*['"]?([^'"\s]+)['"]?\s*$/;
const NAMESPACE = /^\s*namespace:\s*['"]?([^'"\s]+)['"]?\s*$/;
const IMAGE = /^\s*(?:-\s+)?image:\s*['"]?([^'"\s]+)['"]?\s*$/;

/**
 * The lines of a manifest that a rule of `policy` whose decision is not `allow` is about:
 * privileged containers, the host network, hostPath volumes outside the allowed prefixes,
 * protected namespaces and images from registries outside the allowed list. A reading aid for
 * reviewers; the backend's own findings (`reasons`) stay the authority.
 */
export function findRiskyLines(
  manifest: string,
  policy: ApprovalPolicy,
): RiskyLine[] {
  const risky: RiskyLine[] = [];
  let hostPathIndent: number | undefined;
  manifest.split('\n').forEach((text, index) => {
    const line = index + 1;
    const mark = (reason: string) => risky.push({ line, reason });
    const indent = text.length - text.trimStart().length;
    if (
      hostPathIndent !== undefined &&
      text.trim() &&
      indent <= hostPathIndent
    ) {
      hostPathIndent = undefined;
    }
    if (policy.privileged !== 'allow' && PRIVILEGED.test(text)) {
      mark('privileged');
    } else if (policy.hostNetwork !== 'allow' && HOST_NETWORK.test(text)) {
      mark('host network');
    } else if (HOST_PATH.test(text)) {
      hostPathIndent = HOST_PATH.exec(text)![1].length;
    } else if (
      hostPathIndent !== undefined &&
      policy.hostPath.decision !== 'allow' &&
      PATH.test(text)
    ) {
      const path = PATH.exec(text)![1];
      if (!isPathUnder(path, policy.hostPath.allowedPathPrefixes)) {
        mark('host path');
      }
    } else if (
      policy.protectedNamespaces.decision !== 'allow' &&
      NAMESPACE.test(text) &&
      policy.protectedNamespaces.namespaces.includes(NAMESPACE.exec(text)![1])
    ) {
      mark('protected namespace');
    } else if (
      policy.allowedRegistries.decision !== 'allow' &&
      IMAGE.test(text) &&
      !isImageAllowed(IMAGE.exec(text)![1], policy.allowedRegistries.registries)
    ) {
      mark('registry not allowed');
    }
  });
  return risky;
}
