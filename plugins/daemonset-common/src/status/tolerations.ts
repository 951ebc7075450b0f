import {
  KubePodSpec,
  KubeTaint,
  KubeToleration,
  parseCanonicalInt64,
} from './kubernetes';

/**
 * Options of toleration matching.
 *
 * @public
 */
export interface TolerationOptions {
  /**
   * Whether tolerations may use the `Lt` and `Gt` operators (feature gate
   * `TaintTolerationComparisonOperators`, alpha and off by default in Kubernetes 1.35 and 1.36).
   * When off, such tolerations tolerate nothing, as in the API server's default configuration.
   */
  comparisonOperators?: boolean;
}

/**
 * The tolerations the DaemonSet controller adds to every pod it creates
 * (`AddOrUpdateDaemonPodTolerations` in k8s.io/kubernetes pkg/controller/daemon/util).
 *
 * @remarks
 * Because of them a DaemonSet keeps running on nodes that are not ready, unreachable, under
 * disk/memory/PID pressure or cordoned. `node.kubernetes.io/network-unavailable:NoSchedule` is
 * only added for pods with `hostNetwork: true`.
 *
 * @public
 */
export function daemonPodDefaultTolerations(
  hostNetwork: boolean,
): KubeToleration[] {
  const tolerations: KubeToleration[] = [
    {
      key: 'node.kubernetes.io/not-ready',
      operator: 'Exists',
      effect: 'NoExecute',
    },
    {
      key: 'node.kubernetes.io/unreachable',
      operator: 'Exists',
      effect: 'NoExecute',
    },
    {
      key: 'node.kubernetes.io/disk-pressure',
      operator: 'Exists',
      effect: 'NoSchedule',
    },
    {
      key: 'node.kubernetes.io/memory-pressure',
      operator: 'Exists',
      effect: 'NoSchedule',
    },
    {
      key: 'node.kubernetes.io/pid-pressure',
      operator: 'Exists',
      effect: 'NoSchedule',
    },
    {
      key: 'node.kubernetes.io/unschedulable',
      operator: 'Exists',
      effect: 'NoSchedule',
    },
  ];
  if (hostNetwork) {
    tolerations.push({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  }
  return tolerations;
}

/**
 * The tolerations a DaemonSet's pods actually carry: the template's own plus the controller's
 * defaults ({@link daemonPodDefaultTolerations}).
 *
 * @public
 */
export function effectiveDaemonPodTolerations(
  podSpec: KubePodSpec | undefined,
): KubeToleration[] {
  return [
    ...(podSpec?.tolerations ?? []),
    ...daemonPodDefaultTolerations(podSpec?.hostNetwork === true),
  ];
}

/**
 * Whether a toleration tolerates a taint, as `Toleration.ToleratesTaint` in k8s.io/api core/v1:
 * an empty effect matches every effect, an empty key (with `Exists`) matches every key, `Exists`
 * matches every value, `Equal` (or no operator) compares values.
 *
 * @public
 */
export function toleratesTaint(
  toleration: KubeToleration,
  taint: KubeTaint,
  options: TolerationOptions = {},
): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) {
    return false;
  }
  if (toleration.key && toleration.key !== taint.key) {
    return false;
  }
  switch (toleration.operator ?? '') {
    case '':
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    case 'Lt':
    case 'Gt': {
      if (!options.comparisonOperators) {
        return false;
      }
      const tolerationValue = parseCanonicalInt64(toleration.value);
      const taintValue = parseCanonicalInt64(taint.value);
      if (tolerationValue === undefined || taintValue === undefined) {
        return false;
      }
      return toleration.operator === 'Lt'
        ? taintValue < tolerationValue
        : taintValue > tolerationValue;
    }
    default:
      return false;
  }
}

/**
 * The taints among `taints` with one of `effects` that no toleration tolerates.
 *
 * @public
 */
export function untoleratedTaints(
  taints: readonly KubeTaint[],
  tolerations: readonly KubeToleration[],
  effects: readonly string[],
  options: TolerationOptions = {},
): KubeTaint[] {
  const result: KubeTaint[] = [];
  for (const taint of taints) {
    if (!effects.includes(taint.effect)) {
      continue;
    }
    if (!tolerations.some(t => toleratesTaint(t, taint, options))) {
      result.push(taint);
    }
  }
  return result;
}

/**
 * A taint as `kubectl` prints it: `key=value:Effect`, or `key:Effect` without a value.
 *
 * @public
 */
export function formatTaint(taint: KubeTaint): string {
  return taint.value
    ? `${taint.key}=${taint.value}:${taint.effect}`
    : `${taint.key}:${taint.effect}`;
}
