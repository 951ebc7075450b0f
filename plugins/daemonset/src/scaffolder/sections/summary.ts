import { withoutEmpty } from './isEmptySection';
import { toWizardInput } from './wizardInput';

/** One line of the review's summary: a label and what was chosen, in the wizard's words. */
export interface SummaryLine {
  label: string;
  value: string;
}

/** One container as the review shows it. */
export interface ContainerSummary {
  name: string;
  /** `image:tag`, or the image alone when no tag was given. */
  image: string;
  /** e.g. "CPU 250m, memory 128Mi" or "defaults". */
  requests: string;
  limits?: string;
  /** The optional sections switched on, e.g. "Liveness probe (HTTP check)". */
  sections: string[];
}

/** What the review's Summary heading lists. */
export interface ReviewSummary {
  workload: SummaryLine[];
  containers: ContainerSummary[];
  /** Pod-level choices: volumes, services, placement, DNS, metrics. Only what is set. */
  pod: SummaryLine[];
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.filter(isObj) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number'
    ? String(value)
    : undefined;
}

function resourceList(value: unknown): string | undefined {
  if (!isObj(value)) {
    return undefined;
  }
  const names: Record<string, string> = {
    cpu: 'CPU',
    memory: 'memory',
    'ephemeral-storage': 'ephemeral storage',
    'nvidia.com/gpu': 'GPUs',
  };
  const parts = Object.entries(value)
    .filter(([, v]) => str(v) !== undefined)
    .map(([k, v]) => `${names[k] ?? k} ${str(v)}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function map(value: unknown): string | undefined {
  if (!isObj(value)) {
    return undefined;
  }
  const parts = Object.entries(value).map(([k, v]) => `${k}=${str(v) ?? ''}`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

const CHECKS: Record<string, string> = {
  httpGet: 'HTTP check',
  tcpSocket: 'TCP check',
  exec: 'command check',
  grpc: 'gRPC check',
};

function checkKind(value: unknown): string | undefined {
  if (!isObj(value)) {
    return undefined;
  }
  const kinds = Object.keys(CHECKS).filter(k => value[k] !== undefined);
  return kinds.length > 0 ? kinds.map(k => CHECKS[k]).join(', ') : undefined;
}

function containerSections(c: Obj): string[] {
  const out: string[] = [];
  if (c.privileged === true) out.push('Privileged');
  if (c.runAsUser !== undefined) out.push(`Runs as user ${str(c.runAsUser)}`);
  if (isObj(c.gpu)) {
    const model = str(c.gpu.model);
    out.push(`GPU: ${str(c.gpu.count) ?? '?'}${model ? ` × ${model}` : ''}`);
  }
  if (Array.isArray(c.command))
    out.push(`Start command: ${c.command.join(' ')}`);
  if (Array.isArray(c.args)) out.push(`Start arguments: ${c.args.join(' ')}`);
  if (isObj(c.lifecycle)) {
    const hooks = [
      c.lifecycle.postStart !== undefined && 'post-start',
      c.lifecycle.preStop !== undefined && 'pre-stop',
    ].filter(Boolean);
    out.push(`Lifecycle hooks${hooks.length ? ` (${hooks.join(', ')})` : ''}`);
  }
  for (const [key, label] of [
    ['livenessProbe', 'Liveness probe'],
    ['readinessProbe', 'Readiness probe'],
    ['startupProbe', 'Startup probe'],
  ] as const) {
    if (c[key] !== undefined) {
      const kind = checkKind(c[key]);
      out.push(kind ? `${label} (${kind})` : label);
    }
  }
  const env = list(c.env);
  if (env.length > 0) {
    out.push(
      `Environment variables: ${env.map(e => str(e.name) ?? '?').join(', ')}`,
    );
  }
  const ports = list(c.ports);
  if (ports.length > 0) {
    out.push(
      `Ports: ${ports
        .map(p => {
          const number = `${str(p.containerPort) ?? '?'}/${
            str(p.protocol) ?? 'TCP'
          }`;
          return p.name ? `${str(p.name)} ${number}` : number;
        })
        .join(', ')}`,
    );
  }
  const mounts = list(c.volumeMounts);
  if (mounts.length > 0) {
    out.push(
      `Volume mounts: ${mounts
        .map(m => `${str(m.name) ?? '?'} at ${str(m.mountPath) ?? '?'}`)
        .join(', ')}`,
    );
  }
  if (Array.isArray(c.logPaths)) {
    out.push(`Log paths: ${c.logPaths.map(String).join(', ')}`);
  }
  return out;
}

const VOLUME_SOURCES: Record<string, string> = {
  hostPath: 'host path',
  emptyDir: 'empty directory',
  configMap: 'ConfigMap',
  secret: 'Secret',
  persistentVolumeClaim: 'claim',
};

function volumeLine(v: Obj): string {
  const source = Object.keys(VOLUME_SOURCES).find(k => v[k] !== undefined);
  if (!source) {
    return str(v.name) ?? '?';
  }
  const detail = isObj(v[source])
    ? str((v[source] as Obj).path) ??
      str((v[source] as Obj).name) ??
      str((v[source] as Obj).secretName) ??
      str((v[source] as Obj).claimName)
    : undefined;
  return `${str(v.name) ?? '?'} (${VOLUME_SOURCES[source]}${
    detail ? ` ${detail}` : ''
  })`;
}

function serviceLine(s: Obj): string {
  const ports = list(s.ports)
    .map(p => {
      const target = str(p.targetPort);
      return `${str(p.port) ?? '?'}${target ? ` → ${target}` : ''}`;
    })
    .join(', ');
  return `${str(s.name) ?? '?'} (${str(s.type) ?? 'ClusterIP'}${
    ports ? `, ports ${ports}` : ''
  })`;
}

/**
 * The review's summary of a wizard's form data, in the wizard's words. Works on incomplete or
 * invalid data (it only reads what is there), and ignores untouched empty sections.
 */
export function summarizeInput(formData: unknown): ReviewSummary {
  const input = (withoutEmpty(toWizardInput(formData)) ?? {}) as Obj;
  const workload: SummaryLine[] = [
    { label: 'Name', value: str(input.name) ?? '(not set)' },
    { label: 'Cluster', value: str(input.cluster) ?? '(not set)' },
    { label: 'Namespace', value: str(input.namespace) ?? 'default' },
  ];
  if (input.description !== undefined) {
    workload.push({ label: 'Description', value: String(input.description) });
  }
  const labels = map(input.labels);
  if (labels) workload.push({ label: 'Labels', value: labels });
  const annotations = map(input.annotations);
  if (annotations) workload.push({ label: 'Annotations', value: annotations });

  const containers = list(input.containers).map((c, i) => {
    const image = str(c.image) ?? '(no image)';
    const tag = str(c.tag);
    const resources = isObj(c.resources) ? c.resources : {};
    return {
      name: str(c.name) ?? `Container ${i + 1}`,
      image: tag ? `${image}:${tag}` : image,
      requests: resourceList(resources.requests) ?? 'defaults',
      limits: resourceList(resources.limits),
      sections: containerSections(c),
    };
  });

  const pod: SummaryLine[] = [];
  const volumes = list(input.volumes);
  if (volumes.length > 0) {
    pod.push({ label: 'Volumes', value: volumes.map(volumeLine).join(', ') });
  }
  const services = list(input.services);
  if (services.length > 0) {
    pod.push({
      label: 'Services',
      value: services.map(serviceLine).join(', '),
    });
  }
  if (Array.isArray(input.imagePullSecrets)) {
    pod.push({
      label: 'Image pull secrets',
      value: input.imagePullSecrets.map(String).join(', '),
    });
  }
  const scheduling = isObj(input.scheduling) ? input.scheduling : {};
  const nodeSelector = map(scheduling.nodeSelector);
  if (nodeSelector) {
    pod.push({ label: 'Runs on nodes labelled', value: nodeSelector });
  }
  if (scheduling.nodeAffinity !== undefined) {
    pod.push({ label: 'Node affinity', value: 'set' });
  }
  if (scheduling.podAffinity !== undefined) {
    pod.push({ label: 'Pod affinity', value: 'set' });
  }
  if (scheduling.podAntiAffinity !== undefined) {
    pod.push({ label: 'Pod anti-affinity', value: 'set' });
  }
  const tolerations = list(scheduling.tolerations);
  if (tolerations.length > 0) {
    pod.push({
      label: 'Tolerates',
      value: tolerations
        .map(t =>
          t.key === undefined
            ? 'every taint'
            : `${str(t.key)}${t.value !== undefined ? `=${str(t.value)}` : ''}${
                t.effect ? ` (${str(t.effect)})` : ''
              }`,
        )
        .join(', '),
    });
  }
  if (scheduling.priorityClassName !== undefined) {
    pod.push({
      label: 'Priority class',
      value: String(scheduling.priorityClassName),
    });
  }
  if (input.serverlessBursting === true) {
    pod.push({
      label: 'Serverless nodes',
      value: 'also runs on virtual-kubelet nodes',
    });
  }
  if (input.hostNetwork === true) {
    pod.push({ label: 'Host network', value: "uses the node's network" });
  }
  if (input.timezoneSync === true) {
    pod.push({
      label: 'Time-zone sync',
      value: "mounts the node's /etc/localtime",
    });
  }
  if (isObj(input.updateStrategy)) {
    const u = input.updateStrategy;
    pod.push({
      label: 'Update strategy',
      value: [
        str(u.type) ?? 'RollingUpdate',
        u.maxUnavailable !== undefined &&
          `max unavailable ${str(u.maxUnavailable)}`,
        u.maxSurge !== undefined && `max surge ${str(u.maxSurge)}`,
      ]
        .filter(Boolean)
        .join(', '),
    });
  }
  if (isObj(input.dns)) {
    const d = input.dns;
    pod.push({
      label: 'DNS',
      value: [
        `policy ${str(d.policy) ?? 'append'}`,
        Array.isArray(d.nameservers) &&
          `nameservers ${d.nameservers.join(', ')}`,
        Array.isArray(d.searches) && `search ${d.searches.join(', ')}`,
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  if (Array.isArray(input.networkAttachments)) {
    pod.push({
      label: 'Network attachments',
      value: input.networkAttachments.map(String).join(', '),
    });
  }
  if (isObj(input.metrics)) {
    pod.push({
      label: 'Metrics',
      value: `${str(input.metrics.scheme) ?? 'http'} port ${
        str(input.metrics.port) ?? '?'
      }${str(input.metrics.path) ?? '/metrics'}`,
    });
  }
  if (isObj(input.instrumentation)) {
    pod.push({
      label: 'Auto-instrumentation',
      value: str(input.instrumentation.language) ?? 'set',
    });
  }
  return { workload, containers, pod };
}
