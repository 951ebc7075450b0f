import type {
  DaemonSetInput,
  DnsInput,
  SchedulingInput,
  TolerationInput,
  VolumeInput,
} from '../input';
import { LOG_PATHS_ANNOTATION, TIMEZONE_VOLUME } from '../manifests/metadata';
import { VIRTUAL_KUBELET_TOLERATION } from '../manifests/podSpec';
import { GPU_PRODUCT_LABEL } from '../manifests/resources';
import { readContainer } from './containers';
import { asObject, asObjects, asStringMap, Json, pick } from './objects';

/* The pod template's spec back to the wizard's fields. */

type PodFields = Pick<
  DaemonSetInput,
  | 'containers'
  | 'volumes'
  | 'timezoneSync'
  | 'serverlessBursting'
  | 'hostNetwork'
  | 'imagePullSecrets'
  | 'terminationGracePeriodSeconds'
  | 'scheduling'
  | 'dns'
>;

interface LogPath {
  container: string;
  path: string;
  volume: string;
}

function readLogPaths(annotations: Record<string, string>): LogPath[] {
  try {
    const parsed: unknown = JSON.parse(
      annotations[LOG_PATHS_ANNOTATION] ?? '[]',
    );
    return asObjects(parsed).map(entry => ({
      container: String(entry.container),
      path: String(entry.path),
      volume: String(entry.volume),
    }));
  } catch {
    return [];
  }
}

const VOLUME_KEYS = [
  'name',
  'hostPath',
  'emptyDir',
  'configMap',
  'secret',
  'persistentVolumeClaim',
];

function isTimezoneVolume(volume: Json): boolean {
  const hostPath = asObject(volume.hostPath);
  return (
    volume.name === TIMEZONE_VOLUME &&
    hostPath?.path === '/etc/localtime' &&
    hostPath?.type === 'File'
  );
}

function isVirtualKubeletToleration(toleration: Json): boolean {
  return (
    toleration.key === VIRTUAL_KUBELET_TOLERATION.key &&
    toleration.operator === VIRTUAL_KUBELET_TOLERATION.operator &&
    toleration.effect === VIRTUAL_KUBELET_TOLERATION.effect &&
    toleration.value === undefined &&
    toleration.tolerationSeconds === undefined
  );
}

function readDns(pod: Json): DnsInput | undefined {
  const config = asObject(pod.dnsConfig) ?? {};
  const policies: Record<string, DnsInput['policy']> = {
    None: 'replace',
    Default: 'inherit',
  };
  const policy = policies[String(pod.dnsPolicy)] ?? 'append';
  const option = (name: string) => {
    const found = asObjects(config.options).find(o => o.name === name);
    return found?.value !== undefined ? Number(found.value) : undefined;
  };
  const dns: DnsInput = {
    policy,
    nameservers: config.nameservers as string[] | undefined,
    searches: config.searches as string[] | undefined,
    timeout: option('timeout'),
    ndots: option('ndots'),
  };
  const empty =
    policy === 'append' &&
    Object.entries(dns).every(
      ([key, v]) => key === 'policy' || v === undefined,
    );
  return empty ? undefined : dns;
}

function readScheduling(
  pod: Json,
  tolerations: Json[],
  gpuModelTaken: boolean,
): SchedulingInput | undefined {
  const nodeSelector = { ...asStringMap(pod.nodeSelector) };
  if (gpuModelTaken) {
    delete nodeSelector[GPU_PRODUCT_LABEL];
  }
  const affinity = asObject(pod.affinity) ?? {};
  const scheduling: SchedulingInput = {
    nodeSelector: Object.keys(nodeSelector).length ? nodeSelector : undefined,
    nodeAffinity: affinity.nodeAffinity as SchedulingInput['nodeAffinity'],
    podAffinity: affinity.podAffinity as SchedulingInput['podAffinity'],
    podAntiAffinity:
      affinity.podAntiAffinity as SchedulingInput['podAntiAffinity'],
    tolerations: tolerations.length
      ? tolerations.map(
          t =>
            pick<TolerationInput>(t, [
              'key',
              'operator',
              'value',
              'effect',
              'tolerationSeconds',
            ]) ?? {},
        )
      : undefined,
    priorityClassName: pod.priorityClassName as string | undefined,
  };
  return Object.values(scheduling).some(v => v !== undefined)
    ? scheduling
    : undefined;
}

/** Maps the pod template (its annotations and spec) to the wizard's pod-level fields. */
export function readPodTemplate(
  podAnnotations: Record<string, string>,
  pod: Json,
): PodFields {
  const logPaths = readLogPaths(podAnnotations);
  const volumes = asObjects(pod.volumes);
  const timezoneSync = volumes.some(isTimezoneVolume);
  const derived = new Set(logPaths.map(entry => entry.volume));
  if (timezoneSync) {
    derived.add(TIMEZONE_VOLUME);
  }
  // A volume of a kind the wizard lacks stays out, with its mounts: both are kept fields.
  for (const volume of volumes) {
    if (Object.keys(volume).some(key => !VOLUME_KEYS.includes(key))) {
      derived.add(String(volume.name));
    }
  }
  const containers = asObjects(pod.containers).map(container => {
    const paths = logPaths
      .filter(entry => entry.container === container.name)
      .map(entry => entry.path);
    return readContainer(container, derived, paths.length ? paths : undefined);
  });
  const nodeSelector = asStringMap(pod.nodeSelector) ?? {};
  const gpuModel = nodeSelector[GPU_PRODUCT_LABEL];
  const withGpu = containers.find(container => container.gpu);
  if (gpuModel !== undefined && withGpu?.gpu) {
    withGpu.gpu.model = gpuModel;
  }
  const pullSecrets = asObjects(pod.imagePullSecrets).map(s => String(s.name));
  const allTolerations = asObjects(pod.tolerations);
  const serverlessBursting = allTolerations.some(isVirtualKubeletToleration);
  const userVolumes = volumes.filter(
    volume => !derived.has(String(volume.name)),
  );
  return {
    containers,
    volumes: userVolumes.length
      ? (userVolumes as unknown as VolumeInput[])
      : undefined,
    timezoneSync,
    serverlessBursting,
    hostNetwork: pod.hostNetwork === true,
    imagePullSecrets: pullSecrets.length ? pullSecrets : undefined,
    terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds as
      | number
      | undefined,
    scheduling: readScheduling(
      pod,
      allTolerations.filter(t => !isVirtualKubeletToleration(t)),
      gpuModel !== undefined && withGpu !== undefined,
    ),
    dns: readDns(pod),
  };
}
