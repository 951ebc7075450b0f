import { parseImageReference } from '../image';
import { GPU_RESOURCE } from '../manifests/resources';
import { PathSegment, problem } from '../problems';
import { isExtendedResource, parseQuantity, Quantity } from '../quantity';
import type { ParsedContainerInput, ParsedDaemonSetInput } from '../schema';
import { checkUnique, Report } from './report';

/* Rules within one container: image and tag, resources, mounts, ports, probes. */

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

export function containerRules(
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
