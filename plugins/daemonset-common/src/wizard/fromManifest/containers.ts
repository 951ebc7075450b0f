import type {
  ContainerInput,
  EnvVarInput,
  LifecycleHandlerInput,
  ProbeInput,
} from '../input';
import { parseImageReference } from '../image';
import { GPU_RESOURCE } from '../manifests/resources';
import { asObject, asObjects, asStringMap, Json, pick } from './objects';

/* A Kubernetes container back to a wizard container. */

const HTTP_GET_KEYS = ['path', 'port', 'host', 'scheme', 'httpHeaders'];
const PROBE_TIMINGS = [
  'initialDelaySeconds',
  'periodSeconds',
  'timeoutSeconds',
  'successThreshold',
  'failureThreshold',
];

function readHandler(value: unknown): LifecycleHandlerInput | undefined {
  const handler = asObject(value);
  if (!handler) {
    return undefined;
  }
  return {
    exec: pick(handler.exec, ['command']),
    httpGet: pick(handler.httpGet, HTTP_GET_KEYS),
  };
}

function readProbe(value: unknown): ProbeInput | undefined {
  const probe = asObject(value);
  if (!probe) {
    return undefined;
  }
  return {
    ...readHandler(probe),
    tcpSocket: pick(probe.tcpSocket, ['port', 'host']),
    grpc: pick(probe.grpc, ['port', 'service']),
    ...pick<ProbeInput>(probe, PROBE_TIMINGS),
  };
}

function readLifecycle(value: unknown): ContainerInput['lifecycle'] {
  const lifecycle = asObject(value);
  if (!lifecycle) {
    return undefined;
  }
  return {
    postStart: readHandler(lifecycle.postStart),
    preStop: readHandler(lifecycle.preStop),
  };
}

const KEY_REF_KEYS = ['name', 'key', 'optional'];

function readEnv(value: unknown): EnvVarInput[] | undefined {
  const env = asObjects(value).flatMap((variable): EnvVarInput[] => {
    const name = String(variable.name);
    if (typeof variable.value === 'string') {
      return [{ name, value: variable.value }];
    }
    const from = asObject(variable.valueFrom) ?? {};
    if (from.secretKeyRef) {
      return [{ name, secretKeyRef: pick(from.secretKeyRef, KEY_REF_KEYS) }];
    }
    if (from.configMapKeyRef) {
      return [
        { name, configMapKeyRef: pick(from.configMapKeyRef, KEY_REF_KEYS) },
      ];
    }
    if (from.fieldRef) {
      return [
        { name, fieldRef: pick(from.fieldRef, ['fieldPath', 'apiVersion']) },
      ];
    }
    if (!variable.valueFrom) {
      // Kubernetes drops an empty value; the wizard writes it as "".
      return [{ name, value: '' }];
    }
    return [];
  });
  return env.length > 0 ? env : undefined;
}

/** The image and tag fields: the tag split off when the reference has one and no digest. */
function readImage(image: string): Pick<ContainerInput, 'image' | 'tag'> {
  const reference = parseImageReference(image);
  if (!reference?.tag || reference.digest) {
    return { image };
  }
  return {
    image: image.slice(0, image.length - reference.tag.length - 1),
    tag: reference.tag,
  };
}

function readResources(
  container: Json,
): Pick<ContainerInput, 'resources' | 'gpu'> {
  const resources = asObject(container.resources) ?? {};
  const requests = asStringMap(resources.requests) ?? {};
  const limits = asStringMap(resources.limits) ?? {};
  let gpu: ContainerInput['gpu'];
  const count = Number(limits[GPU_RESOURCE]);
  if (Number.isInteger(count) && count >= 1) {
    gpu = { count };
    delete limits[GPU_RESOURCE];
    // Kubernetes defaults an extended resource's request to its limit.
    if (
      requests[GPU_RESOURCE] === limits[GPU_RESOURCE] ||
      Number(requests[GPU_RESOURCE]) === count
    ) {
      delete requests[GPU_RESOURCE];
    }
  }
  const nonEmpty = (list: Record<string, string>) =>
    Object.keys(list).length > 0 ? list : undefined;
  const read = { requests: nonEmpty(requests), limits: nonEmpty(limits) };
  return {
    resources: read.requests || read.limits ? read : undefined,
    gpu,
  };
}

/**
 * Maps one container of the pod template to the wizard's container, leaving out the mounts
 * that time-zone sync and log paths add (named in `derivedMounts`).
 */
export function readContainer(
  container: Json,
  derivedMounts: ReadonlySet<string>,
  logPaths: string[] | undefined,
): ContainerInput {
  const security = asObject(container.securityContext) ?? {};
  const mounts = asObjects(container.volumeMounts)
    .filter(mount => !derivedMounts.has(String(mount.name)))
    .map(mount => pick(mount, ['name', 'mountPath', 'readOnly', 'subPath'])!);
  const ports = asObjects(container.ports).map(
    port => pick(port, ['name', 'containerPort', 'protocol', 'hostPort'])!,
  );
  return {
    name: String(container.name),
    ...readImage(String(container.image ?? '')),
    imagePullPolicy:
      container.imagePullPolicy as ContainerInput['imagePullPolicy'],
    privileged:
      typeof security.privileged === 'boolean'
        ? security.privileged
        : undefined,
    runAsUser:
      typeof security.runAsUser === 'number' ? security.runAsUser : undefined,
    ...readResources(container),
    command: container.command as string[] | undefined,
    args: container.args as string[] | undefined,
    lifecycle: readLifecycle(container.lifecycle),
    livenessProbe: readProbe(container.livenessProbe),
    readinessProbe: readProbe(container.readinessProbe),
    startupProbe: readProbe(container.startupProbe),
    env: readEnv(container.env),
    ports: ports.length > 0 ? (ports as ContainerInput['ports']) : undefined,
    volumeMounts:
      mounts.length > 0
        ? (mounts as ContainerInput['volumeMounts'])
        : undefined,
    logPaths,
  };
}
