import type { ParsedContainerInput, ParsedDaemonSetInput } from '../schema';
import type { ContainerManifest } from '../types';
import { logPathEntries, TIMEZONE_VOLUME } from './metadata';
import { buildResources } from './resources';
import { parseImageReference } from '../image';

/** The image with the wizard's tag applied, unless the image already carries it. */
export function imageWithTag(container: ParsedContainerInput): string {
  const { image, tag } = container;
  if (tag === undefined || parseImageReference(image)?.tag === tag) {
    return image;
  }
  return `${image}:${tag}`;
}

function buildEnv(container: ParsedContainerInput): ContainerManifest['env'] {
  return container.env?.map(variable => {
    if (variable.value !== undefined) {
      return { name: variable.name, value: variable.value };
    }
    const { secretKeyRef, configMapKeyRef, fieldRef } = variable;
    if (secretKeyRef) {
      return { name: variable.name, valueFrom: { secretKeyRef } };
    }
    if (configMapKeyRef) {
      return { name: variable.name, valueFrom: { configMapKeyRef } };
    }
    return { name: variable.name, valueFrom: { fieldRef } };
  });
}

function buildVolumeMounts(
  input: ParsedDaemonSetInput,
  container: ParsedContainerInput,
): ContainerManifest['volumeMounts'] {
  const mounts: NonNullable<ContainerManifest['volumeMounts']> = (
    container.volumeMounts ?? []
  ).map(mount => ({ ...mount }));
  if (input.timezoneSync) {
    mounts.push({
      name: TIMEZONE_VOLUME,
      mountPath: '/etc/localtime',
      readOnly: true,
    });
  }
  for (const entry of logPathEntries(input)) {
    if (entry.container === container.name) {
      mounts.push({ name: entry.volume, mountPath: entry.path });
    }
  }
  return mounts.length > 0 ? mounts : undefined;
}

/** Maps one wizard container to a Kubernetes container. */
export function buildContainer(
  input: ParsedDaemonSetInput,
  container: ParsedContainerInput,
): ContainerManifest {
  const securityContext =
    container.privileged !== undefined || container.runAsUser !== undefined
      ? { privileged: container.privileged, runAsUser: container.runAsUser }
      : undefined;
  return {
    name: container.name,
    image: imageWithTag(container),
    imagePullPolicy: container.imagePullPolicy,
    command: container.command,
    args: container.args,
    ports: container.ports?.map(port => ({
      name: port.name,
      containerPort: port.containerPort,
      protocol: port.protocol ?? 'TCP',
      hostPort: port.hostPort,
    })),
    env: buildEnv(container),
    resources: buildResources(container),
    volumeMounts: buildVolumeMounts(input, container),
    lifecycle: container.lifecycle,
    livenessProbe: container.livenessProbe,
    readinessProbe: container.readinessProbe,
    startupProbe: container.startupProbe,
    securityContext,
  };
}
