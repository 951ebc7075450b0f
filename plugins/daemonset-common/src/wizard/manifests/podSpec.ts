import type { ParsedContainerInput, ParsedDaemonSetInput } from '../schema';
import type {
  PodSpecManifest,
  TolerationManifest,
  VolumeManifest,
} from '../types';
import { canonicalQuantity } from '../quantity';
import { buildContainer } from './containers';
import { logPathEntries, sortedRecord, TIMEZONE_VOLUME } from './metadata';
import { GPU_PRODUCT_LABEL } from './resources';

/** The toleration serverless bursting adds, so virtual-kubelet nodes run a pod too. @public */
export const VIRTUAL_KUBELET_TOLERATION: Readonly<TolerationManifest> = {
  key: 'virtual-kubelet.io/provider',
  operator: 'Exists',
  effect: 'NoSchedule',
};

function buildVolumes(
  input: ParsedDaemonSetInput,
): VolumeManifest[] | undefined {
  const volumes: VolumeManifest[] = (input.volumes ?? []).map(volume =>
    volume.emptyDir?.sizeLimit !== undefined
      ? {
          ...volume,
          emptyDir: {
            ...volume.emptyDir,
            sizeLimit: canonicalQuantity(volume.emptyDir.sizeLimit, 'memory'),
          },
        }
      : (volume as VolumeManifest),
  );
  if (input.timezoneSync) {
    volumes.push({
      name: TIMEZONE_VOLUME,
      hostPath: { path: '/etc/localtime', type: 'File' },
    });
  }
  for (const entry of logPathEntries(input)) {
    volumes.push({ name: entry.volume, emptyDir: {} });
  }
  return volumes.length > 0 ? volumes : undefined;
}

type Scheduling = NonNullable<ParsedDaemonSetInput['scheduling']>;

/**
 * The input fields that decide where the pods may run: what the placement preview reads of a
 * wizard form that is not complete yet.
 */
export interface PlacementFields {
  hostNetwork?: boolean;
  serverlessBursting?: boolean;
  scheduling?: Partial<
    Pick<
      Scheduling,
      | 'nodeSelector'
      | 'nodeAffinity'
      | 'podAffinity'
      | 'podAntiAffinity'
      | 'tolerations'
    >
  >;
  containers: ReadonlyArray<Pick<ParsedContainerInput, 'gpu'>>;
}

/** The node selector: the wizard's own labels plus the GPU model label. */
export function buildNodeSelector(
  input: PlacementFields,
): Record<string, string> | undefined {
  const selector: Record<string, string> = {
    ...input.scheduling?.nodeSelector,
  };
  const model = input.containers.find(c => c.gpu?.model)?.gpu?.model;
  if (model) {
    selector[GPU_PRODUCT_LABEL] = model;
  }
  return Object.keys(selector).length > 0 ? sortedRecord(selector) : undefined;
}

/** The tolerations: the wizard's own plus serverless bursting's virtual-kubelet one. */
export function buildTolerations(
  input: PlacementFields,
): TolerationManifest[] | undefined {
  const tolerations: TolerationManifest[] = [
    ...(input.scheduling?.tolerations ?? []),
  ];
  const same = (t: TolerationManifest) =>
    t.key === VIRTUAL_KUBELET_TOLERATION.key &&
    t.operator === VIRTUAL_KUBELET_TOLERATION.operator &&
    t.effect === VIRTUAL_KUBELET_TOLERATION.effect;
  if (input.serverlessBursting && !tolerations.some(same)) {
    tolerations.push({ ...VIRTUAL_KUBELET_TOLERATION });
  }
  return tolerations.length > 0 ? tolerations : undefined;
}

/**
 * DNS: `append` keeps cluster DNS (ClusterFirstWithHostNet on the host network, as Kubernetes
 * advises, since ClusterFirst would silently fall back to the node resolver), `replace` uses
 * only dnsConfig, `inherit` uses the node's resolver.
 */
function buildDns(
  input: ParsedDaemonSetInput,
): Pick<PodSpecManifest, 'dnsPolicy' | 'dnsConfig'> {
  const dns = input.dns;
  let dnsPolicy: PodSpecManifest['dnsPolicy'];
  switch (dns?.policy ?? 'append') {
    case 'replace':
      dnsPolicy = 'None';
      break;
    case 'inherit':
      dnsPolicy = 'Default';
      break;
    default:
      dnsPolicy = input.hostNetwork
        ? 'ClusterFirstWithHostNet'
        : 'ClusterFirst';
  }
  if (!dns) {
    return { dnsPolicy };
  }
  const options: Array<{ name: string; value: string }> = [];
  if (dns.ndots !== undefined) {
    options.push({ name: 'ndots', value: String(dns.ndots) });
  }
  if (dns.timeout !== undefined) {
    options.push({ name: 'timeout', value: String(dns.timeout) });
  }
  const dnsConfig = {
    nameservers: dns.nameservers?.length ? dns.nameservers : undefined,
    searches: dns.searches?.length ? dns.searches : undefined,
    options: options.length ? options : undefined,
  };
  const empty = Object.values(dnsConfig).every(v => v === undefined);
  return { dnsPolicy, dnsConfig: empty ? undefined : dnsConfig };
}

/** The node and pod (anti-)affinity, when any is set. */
export function buildAffinity(input: PlacementFields) {
  const scheduling = input.scheduling;
  const affinity = {
    nodeAffinity: scheduling?.nodeAffinity,
    podAffinity: scheduling?.podAffinity,
    podAntiAffinity: scheduling?.podAntiAffinity,
  };
  const hasAffinity = Object.values(affinity).some(v => v !== undefined);
  return hasAffinity ? affinity : undefined;
}

/** Maps the wizard input to the pod template's spec. */
export function buildPodSpec(input: ParsedDaemonSetInput): PodSpecManifest {
  const scheduling = input.scheduling;
  return {
    hostNetwork: input.hostNetwork ? true : undefined,
    ...buildDns(input),
    nodeSelector: buildNodeSelector(input),
    affinity: buildAffinity(input),
    tolerations: buildTolerations(input),
    priorityClassName: scheduling?.priorityClassName,
    terminationGracePeriodSeconds: input.terminationGracePeriodSeconds,
    imagePullSecrets: input.imagePullSecrets?.length
      ? input.imagePullSecrets.map(name => ({ name }))
      : undefined,
    containers: input.containers.map(container =>
      buildContainer(input, container),
    ),
    volumes: buildVolumes(input),
  };
}
