import type { ApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { defaultApprovalPolicy } from '../policy';
import { DaemonSetInputError } from '../problems';
import type { BuildResult, KubernetesObject } from '../types';
import { checkDaemonSetInput } from '../validate';
import { toYamlDocuments } from '../yaml';
import { buildDaemonSet } from './daemonSet';
import { buildServices } from './services';

/** Drops undefined fields, so the objects equal what their YAML parses back to. */
function compact<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(compact) as T;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) {
        out[key] = compact(field);
      }
    }
    return out as T;
  }
  return value;
}

/**
 * Generates the manifests for a wizard input: an `apps/v1` DaemonSet, then one `v1` Service per
 * requested service. Pure and deterministic: equal inputs give equal objects and YAML.
 *
 * @param input - what the wizard gathered (`DaemonSetInput`), unchecked.
 * @param policy - the platform policy; `defaultApprovalPolicy` when left out.
 * @throws `DaemonSetInputError` listing every problem, when the input is invalid or the
 *   policy denies it.
 * @public
 */
export function buildDaemonSetManifests(
  input: unknown,
  policy: ApprovalPolicy = defaultApprovalPolicy,
): BuildResult {
  const checked = checkDaemonSetInput(input, policy);
  if (!checked.input) {
    throw new DaemonSetInputError(checked.problems);
  }
  const daemonSet = compact(buildDaemonSet(checked.input));
  const services = compact(buildServices(checked.input));
  const objects: KubernetesObject[] = [daemonSet, ...services];
  return {
    objects,
    daemonSet,
    services,
    yaml: toYamlDocuments(objects),
    approvalRequired: checked.approvalReasons.length > 0,
    approvalReasons: checked.approvalReasons,
  };
}
