import {
  generatedObjectAnnotations,
  generatedPodAnnotations,
  logPathEntries,
  LOG_PATHS_ANNOTATION,
  NETWORKS_ANNOTATION,
  CLUSTER_ANNOTATION,
  ENTITY_NAME_ANNOTATION,
  OWNER_ANNOTATION,
  SYSTEM_ANNOTATION,
  RESERVED_LABELS,
  TIMEZONE_VOLUME,
} from '../manifests/metadata';
import { GPU_PRODUCT_LABEL } from '../manifests/resources';
import { PathSegment } from '../problems';
import type { ParsedDaemonSetInput } from '../schema';
import { checkUnique, Report } from './report';

/* Rules across the pod: metadata, names and ports shared by containers, services, strategy. */

function annotationSource(key: string): string {
  if (key === 'description') return 'description';
  if (key === CLUSTER_ANNOTATION) return 'cluster';
  if (key === OWNER_ANNOTATION) return 'owner';
  if (key === ENTITY_NAME_ANNOTATION)
    return 'owner, cluster, namespace and name';
  if (key === SYSTEM_ANNOTATION) return 'system';
  if (key === LOG_PATHS_ANNOTATION) return 'containers[].logPaths';
  if (key === NETWORKS_ANNOTATION) return 'networkAttachments';
  if (key.startsWith('prometheus.io/')) return 'metrics';
  return 'instrumentation';
}

export function metadataRules(
  input: ParsedDaemonSetInput,
  report: Report,
): void {
  for (const key of Object.keys(input.labels ?? {})) {
    if (RESERVED_LABELS.includes(key)) {
      report(
        ['labels', key],
        `is built in (always the workload name "${input.name}") and cannot be overridden`,
      );
    }
  }
  const generated = {
    ...generatedObjectAnnotations(input),
    ...generatedPodAnnotations(input),
  };
  for (const key of Object.keys(input.annotations ?? {})) {
    if (key in generated) {
      report(
        ['annotations', key],
        `is generated from ${annotationSource(key)} and cannot be set directly`,
      );
    }
  }
  checkUnique(
    input.networkAttachments ?? [],
    n => n,
    i => ['networkAttachments', i],
    'network attachment',
    report,
  );
  checkUnique(
    input.imagePullSecrets ?? [],
    n => n,
    i => ['imagePullSecrets', i],
    'secret',
    report,
  );
}

/** The pod's ports, flattened across containers with their paths. */
function podPorts(input: ParsedDaemonSetInput) {
  return input.containers.flatMap((container, c) =>
    (container.ports ?? []).map((port, p) => ({
      port,
      path: ['containers', c, 'ports', p] as PathSegment[],
    })),
  );
}

export function podRules(input: ParsedDaemonSetInput, report: Report): void {
  checkUnique(
    input.containers,
    c => c.name,
    i => ['containers', i, 'name'],
    'container name',
    report,
  );
  const volumes = input.volumes ?? [];
  checkUnique(
    volumes,
    v => v.name,
    i => ['volumes', i, 'name'],
    'volume name',
    report,
  );
  const generated = new Set(logPathEntries(input).map(e => e.volume));
  if (input.timezoneSync) {
    generated.add(TIMEZONE_VOLUME);
  }
  volumes.forEach((volume, v) => {
    if (generated.has(volume.name)) {
      report(
        ['volumes', v, 'name'],
        `is reserved: the generator adds a volume "${volume.name}" for ${
          volume.name === TIMEZONE_VOLUME ? 'timezoneSync' : 'logPaths'
        }`,
      );
    }
  });

  const ports = podPorts(input);
  checkUnique(
    ports,
    ({ port }) => port.name,
    i => [...ports[i].path, 'name'],
    'port name',
    report,
  );
  checkUnique(
    ports,
    ({ port }) => `${port.containerPort}/${port.protocol ?? 'TCP'}`,
    i => [...ports[i].path, 'containerPort'],
    'port',
    report,
  );
  const hostPorts = ports.filter(({ port }) => port.hostPort !== undefined);
  checkUnique(
    hostPorts,
    ({ port }) => `${port.hostPort}/${port.protocol ?? 'TCP'}`,
    i => [...hostPorts[i].path, 'hostPort'],
    'host port',
    report,
  );

  const gpuModels = input.containers.flatMap((container, c) =>
    container.gpu?.model ? [{ model: container.gpu.model, c }] : [],
  );
  const selected = input.scheduling?.nodeSelector?.[GPU_PRODUCT_LABEL];
  for (const { model, c } of gpuModels) {
    if (selected !== undefined && selected !== model) {
      report(
        ['containers', c, 'gpu', 'model'],
        `conflicts with scheduling.nodeSelector["${GPU_PRODUCT_LABEL}"] ("${selected}"): a pod runs on one node`,
      );
    } else if (model !== gpuModels[0].model) {
      report(
        ['containers', c, 'gpu', 'model'],
        `conflicts with containers[${gpuModels[0].c}].gpu.model ("${gpuModels[0].model}"): a pod runs on one node`,
      );
    }
  }

  const containerNames = new Set(input.containers.map(c => c.name));
  (input.instrumentation?.containerNames ?? []).forEach((name, i) => {
    if (!containerNames.has(name)) {
      report(
        ['instrumentation', 'containerNames', i],
        `must name a container of the pod; "${name}" is not one`,
      );
    }
  });
}

export function serviceRules(
  input: ParsedDaemonSetInput,
  report: Report,
): void {
  const services = input.services ?? [];
  checkUnique(
    services,
    s => s.name,
    i => ['services', i, 'name'],
    'service name',
    report,
  );
  const portNames = new Set(
    podPorts(input).flatMap(({ port }) => (port.name ? [port.name] : [])),
  );
  const nodePorts: Array<{ key: string; path: PathSegment[] }> = [];
  services.forEach((service, s) => {
    const at: PathSegment[] = ['services', s];
    service.ports.forEach((port, p) => {
      const path = [...at, 'ports', p];
      if (service.ports.length > 1 && !port.name) {
        report(
          [...path, 'name'],
          'is required when a service has more than one port',
        );
      }
      if (port.nodePort !== undefined) {
        if (service.type !== 'NodePort' && service.type !== 'LoadBalancer') {
          report(
            [...path, 'nodePort'],
            `may only be set for NodePort and LoadBalancer services (type is ${service.type})`,
          );
        } else {
          nodePorts.push({
            key: `${port.nodePort}/${port.protocol ?? 'TCP'}`,
            path: [...path, 'nodePort'],
          });
        }
      }
      if (
        typeof port.targetPort === 'string' &&
        !portNames.has(port.targetPort)
      ) {
        report(
          [...path, 'targetPort'],
          `must name a declared container port; "${
            port.targetPort
          }" is not declared (${
            portNames.size ? [...portNames].join(', ') : 'no named ports'
          })`,
        );
      }
    });
    checkUnique(
      service.ports,
      p => p.name,
      i => [...at, 'ports', i, 'name'],
      'port name',
      report,
    );
    checkUnique(
      service.ports,
      p => `${p.port}/${p.protocol ?? 'TCP'}`,
      i => [...at, 'ports', i, 'port'],
      'port',
      report,
    );
  });
  checkUnique(
    nodePorts,
    n => n.key,
    i => nodePorts[i].path,
    'node port',
    report,
  );
}

function isZero(value: number | string): boolean {
  return value === 0 || value === '0%';
}

export function strategyRules(
  input: ParsedDaemonSetInput,
  report: Report,
): void {
  const strategy = input.updateStrategy;
  if (!strategy) return;
  if (strategy.type === 'OnDelete') {
    for (const field of ['maxUnavailable', 'maxSurge'] as const) {
      if (strategy[field] !== undefined) {
        report(
          ['updateStrategy', field],
          'may only be set when type is RollingUpdate',
        );
      }
    }
  } else if (
    isZero(strategy.maxUnavailable ?? 1) &&
    isZero(strategy.maxSurge ?? 0)
  ) {
    report(
      ['updateStrategy', 'maxUnavailable'],
      'maxUnavailable and maxSurge cannot both be 0 (maxUnavailable defaults to 1, maxSurge to 0)',
    );
  }
}
