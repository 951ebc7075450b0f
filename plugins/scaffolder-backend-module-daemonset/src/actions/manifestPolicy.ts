import { ApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { posix } from 'node:path';

function isPathUnder(path: string, prefixes: ReadonlyArray<string>): boolean {
  const target = posix.normalize(path).replace(/(.)\/$/, '$1');
  return prefixes.some(prefix => {
    const base = posix.normalize(prefix).replace(/(.)\/$/, '$1');
    return base === '/' || target === base || target.startsWith(`${base}/`);
  });
}

interface PodSpecLike {
  hostNetwork?: boolean;
  containers?: Array<{
    name?: string;
    securityContext?: { privileged?: boolean };
  }>;
  initContainers?: Array<{
    name?: string;
    securityContext?: { privileged?: boolean };
  }>;
  volumes?: Array<{ name?: string; hostPath?: { path?: string } }>;
}

interface ObjectLike {
  kind?: string;
  metadata?: { name?: string; namespace?: string };
  spec?: { template?: { spec?: PodSpecLike } };
}

/**
 * The policy rules a ready-made manifest meets that are not `allow`: `daemonset:apply` takes
 * manifests from anywhere in a template, so it re-checks what the generator would have flagged.
 */
export function manifestPolicyFindings(
  objects: ReadonlyArray<unknown>,
  policy: ApprovalPolicy,
): string[] {
  const findings: string[] = [];
  const flag = (decision: string, key: string, what: string) => {
    if (decision !== 'allow') {
      findings.push(`${what} (daemonset.policy.${key}: ${decision})`);
    }
  };
  for (const value of objects) {
    const object = value as ObjectLike;
    const id = `${object.kind} ${object.metadata?.namespace}/${object.metadata?.name}`;
    const namespace = object.metadata?.namespace;
    if (
      namespace &&
      policy.protectedNamespaces.namespaces.includes(namespace)
    ) {
      flag(
        policy.protectedNamespaces.decision,
        'protectedNamespaces',
        `${id} is in protected namespace ${namespace}`,
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
    }
    for (const volume of pod.volumes ?? []) {
      const path = volume.hostPath?.path;
      if (
        path !== undefined &&
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
  return findings;
}
