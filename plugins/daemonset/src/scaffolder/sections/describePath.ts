import { parseProblemPath } from '@daemonsets/plugin-daemonset-common';

/** The wizard's names for `DaemonSetInput` fields, as the template titles them. */
const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  namespace: 'Namespace',
  cluster: 'Cluster',
  description: 'Description',
  timezoneSync: 'Time-zone sync',
  serverlessBursting: 'Burst to serverless nodes',
  labels: 'Labels',
  annotations: 'Annotations',
  containers: 'Containers',
  image: 'Image',
  tag: 'Image version (tag)',
  imagePullPolicy: 'Image pull policy',
  privileged: 'Privileged container',
  runAsUser: 'Run as user ID',
  resources: 'Resources',
  requests: 'Requests',
  limits: 'Limits',
  cpu: 'CPU',
  memory: 'Memory',
  'ephemeral-storage': 'Ephemeral storage',
  'nvidia.com/gpu': 'GPUs',
  gpu: 'GPU',
  model: 'GPU model',
  count: 'GPUs',
  command: 'Command',
  args: 'Start arguments',
  lifecycle: 'Lifecycle hooks',
  postStart: 'Post-start',
  preStop: 'Pre-stop',
  livenessProbe: 'Liveness probe',
  readinessProbe: 'Readiness probe',
  startupProbe: 'Startup probe',
  httpGet: 'HTTP check',
  tcpSocket: 'TCP check',
  exec: 'Command check',
  grpc: 'gRPC check',
  initialDelaySeconds: 'Initial delay (s)',
  periodSeconds: 'Period (s)',
  timeoutSeconds: 'Timeout (s)',
  successThreshold: 'Success threshold',
  failureThreshold: 'Failure threshold',
  httpHeaders: 'HTTP headers',
  env: 'Environment variables',
  value: 'Value',
  secretKeyRef: 'From a Secret',
  configMapKeyRef: 'From a ConfigMap',
  fieldRef: 'From a pod field',
  fieldPath: 'Pod field',
  key: 'Key',
  ports: 'Ports',
  containerPort: 'Container port',
  hostPort: 'Host port',
  protocol: 'Protocol',
  volumeMounts: 'Volume mounts',
  mountPath: 'Mount path',
  subPath: 'Sub-path',
  readOnly: 'Read-only',
  logPaths: 'Log paths',
  volumes: 'Volumes',
  hostPath: 'Host path',
  emptyDir: 'Empty directory',
  configMap: 'ConfigMap',
  secret: 'Secret',
  secretName: 'Secret name',
  persistentVolumeClaim: 'Persistent volume claim',
  claimName: 'Claim name',
  sizeLimit: 'Size limit',
  medium: 'Medium',
  items: 'Items',
  defaultMode: 'Default mode',
  mode: 'Mode',
  path: 'Path',
  imagePullSecrets: 'Image pull secrets',
  services: 'Services',
  type: 'Type',
  port: 'Port',
  targetPort: 'Target port',
  nodePort: 'Node port',
  updateStrategy: 'Update strategy',
  maxUnavailable: 'Max unavailable',
  maxSurge: 'Max surge',
  minReadySeconds: 'Min ready seconds',
  terminationGracePeriodSeconds: 'Termination grace period (s)',
  hostNetwork: 'Host network',
  scheduling: 'Placement',
  nodeSelector: 'Node selector',
  nodeAffinity: 'Node affinity',
  podAffinity: 'Pod affinity',
  podAntiAffinity: 'Pod anti-affinity',
  requiredDuringSchedulingIgnoredDuringExecution: 'Required',
  preferredDuringSchedulingIgnoredDuringExecution: 'Preferred',
  nodeSelectorTerms: 'Node selector terms',
  matchExpressions: 'Match expressions',
  matchFields: 'Match fields',
  matchLabels: 'Match labels',
  operator: 'Operator',
  values: 'Values',
  weight: 'Weight',
  topologyKey: 'Topology key',
  tolerations: 'Tolerations',
  effect: 'Effect',
  tolerationSeconds: 'Toleration seconds',
  priorityClassName: 'Priority class',
  dns: 'DNS',
  policy: 'Policy',
  nameservers: 'Nameservers',
  searches: 'Search domains',
  timeout: 'Timeout (s)',
  ndots: 'ndots',
  networkAttachments: 'Network attachments',
  metrics: 'Metrics',
  scheme: 'Scheme',
  instrumentation: 'Auto-instrumentation',
  language: 'Language',
  containerNames: 'Containers to instrument',
  goTargetExecutable: 'Go executable',
};

/** One item of a list, e.g. "Container 2". */
const ITEM_NAMES: Record<string, string> = {
  containers: 'Container',
  volumes: 'Volume',
  services: 'Service',
  env: 'Variable',
  ports: 'Port',
  volumeMounts: 'Volume mount',
  logPaths: 'Log path',
  tolerations: 'Toleration',
  imagePullSecrets: 'Secret',
  networkAttachments: 'Attachment',
  nameservers: 'Nameserver',
  searches: 'Search domain',
  command: 'Argument',
  args: 'Argument',
  httpHeaders: 'Header',
  items: 'Item',
  nodeSelectorTerms: 'Term',
  matchExpressions: 'Expression',
  matchFields: 'Field',
  values: 'Value',
  containerNames: 'Container',
};

/** Maps whose keys are user data (label and annotation keys): keys are shown quoted. */
const LABEL_MAPS = new Set([
  'labels',
  'annotations',
  'nodeSelector',
  'matchLabels',
]);

function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A field path in the wizard's words: `containers[0].resources.limits.cpu` of a container named
 * agent reads "Container 1 (agent) › Resources › Limits › CPU". `data` (the form data at the
 * path's root) names list items by their `name` when they have one.
 */
export function describePath(
  path: string | ReadonlyArray<string | number>,
  data?: unknown,
): string {
  let segments: ReadonlyArray<string | number>;
  if (typeof path === 'string') {
    try {
      segments = parseProblemPath(path);
    } catch {
      return path;
    }
  } else {
    segments = path;
  }
  if (segments.length === 0) {
    return 'The input as a whole';
  }
  const parts: string[] = [];
  let current: unknown = data;
  let parent: string | number | undefined;
  for (const segment of segments) {
    const value =
      isPlainObject(current) || Array.isArray(current)
        ? (current as Record<string | number, unknown>)[segment]
        : undefined;
    if (typeof segment === 'number') {
      const itemName =
        (typeof parent === 'string' && ITEM_NAMES[parent]) || 'Item';
      const named =
        isPlainObject(value) && typeof value.name === 'string' && value.name
          ? ` (${value.name})`
          : '';
      const label = `${itemName} ${segment + 1}${named}`;
      if (
        typeof parent === 'string' &&
        parts.length > 0 &&
        ITEM_NAMES[parent]
      ) {
        // "Containers › Container 1" reads better as "Container 1".
        parts[parts.length - 1] = label;
      } else {
        parts.push(label);
      }
    } else if (typeof parent === 'string' && LABEL_MAPS.has(parent)) {
      parts.push(`"${segment}"`);
    } else {
      parts.push(
        FIELD_NAMES[segment] ??
          (/^[A-Za-z][A-Za-z0-9]*$/.test(segment)
            ? words(segment)
            : `"${segment}"`),
      );
    }
    parent = segment;
    current = value;
  }
  return parts.join(' › ');
}
