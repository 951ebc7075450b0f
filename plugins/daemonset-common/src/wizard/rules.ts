import { parseImageReference } from './image';
import {
  generatedObjectAnnotations,
  generatedPodAnnotations,
  logPathEntries,
  LOG_PATHS_ANNOTATION,
  NETWORKS_ANNOTATION,
  CLUSTER_ANNOTATION,
  RESERVED_LABELS,
  TIMEZONE_VOLUME,
} from './build/metadata';
import { GPU_PRODUCT_LABEL, GPU_RESOURCE } from './build/resources';
import { PathSegment, Problem, problem } from './problems';
import { isExtendedResource, parseQuantity, Quantity } from './quantity';
import type { ParsedContainerInput, ParsedDaemonSetInput } from './schema';

/*
 * Rules that relate fields to each other. They run on input the schema accepted, so shapes
 * and formats can be trusted here.
 */

type Report = (path: PathSegment[], message: string) => void;

/** Reports every later occurrence of a key already seen, naming where it was first used. */
function checkUnique<T>(
  items: ReadonlyArray<T>,
  keyOf: (item: T) => string | undefined,
  pathOf: (index: number) => PathSegment[],
  what: string,
  report: Report,
): void {
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const key = keyOf(item);
    if (key === undefined) {
      return;
    }
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
    } else {
      report(
        pathOf(index),
        `must be unique: ${what} ${JSON.stringify(key)} is already used at ${
          problem(pathOf(first), '').path
        }`,
      );
    }
  });
}

function annotationSource(key: string): string {
  if (key === 'description') return 'description';
  if (key === CLUSTER_ANNOTATION) return 'cluster';
  if (key === LOG_PATHS_ANNOTATION) return 'containers[].logPaths';
  if (key === NETWORKS_ANNOTATION) return 'networkAttachments';
  if (key.startsWith('prometheus.io/')) return 'metrics';
  return 'instrumentation';
}

function metadataRules(input: ParsedDaemonSetInput, report: Report): void {
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

function imageRules(
  container: ParsedContainerInput,
  at: PathSegment[],
  report: Report,
): void {
  const reference = parseImageReference(container.image);
  if (container.tag === undefined || !reference) {
    return;
  }
  if (reference.digest) {
    report(
      [...at, 'tag'],
      'conflicts with the digest in image: an image pinned by digest takes no separate tag',
    );
  } else if (reference.tag !== undefined && reference.tag !== container.tag) {
    report(
      [...at, 'tag'],
      `conflicts with the tag "${reference.tag}" already in image`,
    );
  }
}

function resourceRules(
  container: ParsedContainerInput,
  at: PathSegment[],
  report: Report,
): void {
  const parse = (list?: Record<string, number | string>) =>
    new Map(
      Object.entries(list ?? {}).map(
        ([name, value]) => [name, parseQuantity(value, name)!] as const,
      ),
    );
  const requests = parse(container.resources?.requests);
  const limits = parse(container.resources?.limits);
  const describe = (q: Quantity) =>
    `${q.nanos / 1_000_000_000n}${
      q.nanos % 1_000_000_000n ? ` + ${q.nanos % 1_000_000_000n}n` : ''
    }`;
  for (const [listName, list] of [
    ['requests', requests],
    ['limits', limits],
  ] as const) {
    for (const [name, quantity] of list) {
      if (isExtendedResource(name) && quantity.nanos % 1_000_000_000n !== 0n) {
        report(
          [...at, 'resources', listName, name],
          'must be a whole number: extended resources cannot be fractional',
        );
      }
    }
  }
  for (const [name, request] of requests) {
    const limit = limits.get(name);
    const path = [...at, 'resources', 'requests', name];
    if (isExtendedResource(name)) {
      if (name === GPU_RESOURCE && container.gpu) {
        continue;
      }
      if (!limit) {
        report(
          path,
          'must also be set in limits: Kubernetes requires a limit for extended resources',
        );
      } else if (limit.nanos !== request.nanos) {
        report(
          path,
          `must equal the limit (${describe(
            limit,
          )}): Kubernetes does not overcommit extended resources`,
        );
      }
    } else if (limit && request.nanos > limit.nanos) {
      report(
        path,
        `must not exceed the limit: the request is larger than limits.${name}`,
      );
    }
  }
  if (
    container.gpu &&
    (requests.has(GPU_RESOURCE) || limits.has(GPU_RESOURCE))
  ) {
    report(
      [...at, 'gpu'],
      `conflicts with resources "${GPU_RESOURCE}": set the GPU count in one place`,
    );
  }
}

function normalisePath(path: string): string {
  return path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}

function containerRules(
  input: ParsedDaemonSetInput,
  container: ParsedContainerInput,
  index: number,
  report: Report,
): void {
  const at: PathSegment[] = ['containers', index];
  imageRules(container, at, report);
  resourceRules(container, at, report);

  checkUnique(
    container.env ?? [],
    e => e.name,
    i => [...at, 'env', i, 'name'],
    'variable',
    report,
  );

  const volumeNames = new Set((input.volumes ?? []).map(v => v.name));
  const mountPaths = new Map<string, PathSegment[]>();
  if (input.timezoneSync) {
    mountPaths.set('/etc/localtime', ['timezoneSync']);
  }
  const claimMountPath = (path: string, where: PathSegment[]) => {
    const key = normalisePath(path);
    const first = mountPaths.get(key);
    if (first) {
      report(
        where,
        `must be unique within the container: ${key} is already mounted by ${
          problem(first, '').path
        }`,
      );
    } else {
      mountPaths.set(key, where);
    }
  };
  (container.volumeMounts ?? []).forEach((mount, m) => {
    if (!volumeNames.has(mount.name)) {
      report(
        [...at, 'volumeMounts', m, 'name'],
        `must name a volume declared in volumes[]; "${mount.name}" is not declared`,
      );
    }
    claimMountPath(mount.mountPath, [...at, 'volumeMounts', m, 'mountPath']);
  });
  (container.logPaths ?? []).forEach((path, p) =>
    claimMountPath(path, [...at, 'logPaths', p]),
  );

  const portNames = new Set(
    (container.ports ?? []).flatMap(p => (p.name ? [p.name] : [])),
  );
  const checkNamedPort = (port: number | string, path: PathSegment[]) => {
    if (typeof port === 'string' && !portNames.has(port)) {
      report(
        path,
        `must name a port declared in this container's ports[]; "${port}" is not declared`,
      );
    }
  };
  for (const probeName of [
    'livenessProbe',
    'readinessProbe',
    'startupProbe',
  ] as const) {
    const probe = container[probeName];
    if (!probe) continue;
    if (probe.httpGet) {
      checkNamedPort(probe.httpGet.port, [...at, probeName, 'httpGet', 'port']);
    }
    if (probe.tcpSocket) {
      checkNamedPort(probe.tcpSocket.port, [
        ...at,
        probeName,
        'tcpSocket',
        'port',
      ]);
    }
    if (
      probeName !== 'readinessProbe' &&
      probe.successThreshold !== undefined &&
      probe.successThreshold !== 1
    ) {
      report(
        [...at, probeName, 'successThreshold'],
        'must be 1 for liveness and startup probes',
      );
    }
  }
  for (const hook of ['postStart', 'preStop'] as const) {
    const handler = container.lifecycle?.[hook];
    if (handler?.httpGet) {
      checkNamedPort(handler.httpGet.port, [
        ...at,
        'lifecycle',
        hook,
        'httpGet',
        'port',
      ]);
    }
  }
  if (input.hostNetwork) {
    (container.ports ?? []).forEach((port, p) => {
      if (port.hostPort !== undefined && port.hostPort !== port.containerPort) {
        report(
          [...at, 'ports', p, 'hostPort'],
          'must equal containerPort when hostNetwork is true',
        );
      }
    });
  }
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

function podRules(input: ParsedDaemonSetInput, report: Report): void {
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

function serviceRules(input: ParsedDaemonSetInput, report: Report): void {
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

function strategyRules(input: ParsedDaemonSetInput, report: Report): void {
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

/** Every cross-field problem of a parsed input, in input order. */
export function crossFieldProblems(input: ParsedDaemonSetInput): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) =>
    problems.push(problem(path, message));
  metadataRules(input, report);
  podRules(input, report);
  input.containers.forEach((container, index) =>
    containerRules(input, container, index, report),
  );
  serviceRules(input, report);
  strategyRules(input, report);
  return problems;
}
