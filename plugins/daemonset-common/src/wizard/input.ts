/*
 * The wizard input as hand-written types (type aliases, not interfaces, so they stay assignable
 * to JSON object types such as a scaffolder action's input): the public face of the zod schema in ./schema, which
 * stays internal. input.test.ts checks at compile time that these equal what the schema infers.
 */

/** A port given by number (1-65535) or by the name of a container port. @public */
export type PortReference = number | string;

/** A Kubernetes quantity: a number, or a string such as `250m` or `512Mi`. @public */
export type QuantityInput = number | string;

/** Container resource requests and limits, by resource name. @public */
export type ResourcesInput = {
  /** Requested resources: cpu, memory, ephemeral-storage, hugepages or extended resources. */
  requests?: Record<string, QuantityInput>;
  /** Resource limits, same units. */
  limits?: Record<string, QuantityInput>;
};

/** An HTTP GET action of a probe or lifecycle hook. @public */
export type HttpGetActionInput = {
  path?: string;
  port: PortReference;
  host?: string;
  scheme?: 'HTTP' | 'HTTPS';
  httpHeaders?: Array<{ name: string; value: string }>;
};

/** A lifecycle hook: exactly one of `exec` and `httpGet`. @public */
export type LifecycleHandlerInput = {
  exec?: { command: string[] };
  httpGet?: HttpGetActionInput;
};

/** A liveness, readiness or startup probe: exactly one action. @public */
export type ProbeInput = {
  httpGet?: HttpGetActionInput;
  tcpSocket?: { port: PortReference; host?: string };
  exec?: { command: string[] };
  grpc?: { port: number; service?: string };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
};

/** A key of a ConfigMap or Secret. @public */
export type KeyReferenceInput = {
  name: string;
  key: string;
  optional?: boolean;
};

/** An environment variable: exactly one source. @public */
export type EnvVarInput = {
  name: string;
  value?: string;
  secretKeyRef?: KeyReferenceInput;
  configMapKeyRef?: KeyReferenceInput;
  fieldRef?: { fieldPath: string; apiVersion?: 'v1' };
};

/** A port a container exposes. @public */
export type ContainerPortInput = {
  name?: string;
  containerPort: number;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  hostPort?: number;
};

/** Where a container mounts a volume. @public */
export type VolumeMountInput = {
  /** A volume declared in `volumes[]`. */
  name: string;
  mountPath: string;
  readOnly?: boolean;
  subPath?: string;
};

/** One container of a {@link DaemonSetInput}. @public */
export type ContainerInput = {
  name: string;
  /** Image reference, e.g. "ghcr.io/acme/agent"; may carry a tag or digest. */
  image: string;
  /** Image version, appended to image as ":<tag>". */
  tag?: string;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  /** securityContext.privileged; subject to the approval policy. */
  privileged?: boolean;
  runAsUser?: number;
  resources?: ResourcesInput;
  /** Whole GPUs (`count`), optionally of one model (node label nvidia.com/gpu.product). */
  gpu?: { model?: string; count: number };
  command?: string[];
  args?: string[];
  lifecycle?: {
    postStart?: LifecycleHandlerInput;
    preStop?: LifecycleHandlerInput;
  };
  livenessProbe?: ProbeInput;
  readinessProbe?: ProbeInput;
  startupProbe?: ProbeInput;
  env?: EnvVarInput[];
  ports?: ContainerPortInput[];
  volumeMounts?: VolumeMountInput[];
  /** Directories inside the container whose files a node log agent collects. */
  logPaths?: string[];
};

/** A ConfigMap or Secret key projected to a file. @public */
export type KeyToPathInput = {
  key: string;
  path: string;
  mode?: number;
};

/** A volume of the pod: exactly one source. @public */
export type VolumeInput = {
  name: string;
  hostPath?: {
    path: string;
    type?:
      | ''
      | 'DirectoryOrCreate'
      | 'Directory'
      | 'FileOrCreate'
      | 'File'
      | 'Socket'
      | 'CharDevice'
      | 'BlockDevice';
  };
  emptyDir?: { medium?: '' | 'Memory'; sizeLimit?: QuantityInput };
  configMap?: {
    name: string;
    items?: KeyToPathInput[];
    defaultMode?: number;
    optional?: boolean;
  };
  secret?: {
    secretName: string;
    items?: KeyToPathInput[];
    defaultMode?: number;
    optional?: boolean;
  };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
};

/** One port of a Service. @public */
export type ServicePortInput = {
  name?: string;
  port: number;
  /** Container port number or name; defaults to port. */
  targetPort?: PortReference;
  protocol?: 'TCP' | 'UDP' | 'SCTP';
  /** Only for NodePort and LoadBalancer services. */
  nodePort?: number;
};

/** A Service in front of the pods. @public */
export type ServiceInput = {
  name: string;
  /** Defaults to `ClusterIP`. */
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'Headless';
  ports: ServicePortInput[];
};

/** The update strategy. @public */
export type UpdateStrategyInput = {
  /** Defaults to `RollingUpdate`. */
  type?: 'RollingUpdate' | 'OnDelete';
  maxUnavailable?: number | string;
  maxSurge?: number | string;
};

/** A node selector term of node affinity. @public */
export type NodeSelectorTermInput = {
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
    values?: string[];
  }>;
  matchFields?: Array<{
    key: 'metadata.name';
    operator: 'In' | 'NotIn';
    values: string[];
  }>;
};

/** A label selector of pod affinity. @public */
export type LabelSelectorInput = {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
    values?: string[];
  }>;
};

/** A pod affinity term. @public */
export type PodAffinityTermInput = {
  labelSelector?: LabelSelectorInput;
  namespaces?: string[];
  namespaceSelector?: LabelSelectorInput;
  topologyKey: string;
};

/** Pod affinity or anti-affinity. @public */
export type PodAffinityInput = {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTermInput[];
  preferredDuringSchedulingIgnoredDuringExecution?: Array<{
    weight: number;
    podAffinityTerm: PodAffinityTermInput;
  }>;
};

/** A toleration. @public */
export type TolerationInput = {
  key?: string;
  operator?: 'Equal' | 'Exists';
  value?: string;
  effect?: '' | 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  tolerationSeconds?: number;
};

/** Where the pods may run. @public */
export type SchedulingInput = {
  nodeSelector?: Record<string, string>;
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: {
      nodeSelectorTerms: NodeSelectorTermInput[];
    };
    preferredDuringSchedulingIgnoredDuringExecution?: Array<{
      weight: number;
      preference: NodeSelectorTermInput;
    }>;
  };
  podAffinity?: PodAffinityInput;
  podAntiAffinity?: PodAffinityInput;
  tolerations?: TolerationInput[];
  priorityClassName?: string;
};

/** DNS settings of the pods. @public */
export type DnsInput = {
  /**
   * append: cluster DNS plus dnsConfig; replace: only dnsConfig; inherit: the node resolver.
   * Defaults to `append`.
   */
  policy?: 'append' | 'replace' | 'inherit';
  nameservers?: string[];
  searches?: string[];
  /** Seconds. */
  timeout?: number;
  ndots?: number;
};

/** Where Prometheus scrapes metrics. @public */
export type MetricsInput = {
  port: number;
  /** Defaults to `/metrics`. */
  path?: string;
  /** Defaults to `http`. */
  scheme?: 'http' | 'https';
};

/** OpenTelemetry auto-instrumentation. @public */
export type InstrumentationInput = {
  language: 'java' | 'nodejs' | 'python' | 'dotnet' | 'go';
  /** The Instrumentation resource ("name" or "namespace/name"); the namespace default when absent. */
  instrumentation?: string;
  /** Containers to instrument; all when absent. */
  containerNames?: string[];
  /** Required for go: the path of the executable to instrument. */
  goTargetExecutable?: string;
};

/**
 * What the DaemonSet wizard gathers: the input of `buildDaemonSetManifests` (from the
 * `/kubernetes` entry point).
 *
 * @public
 */
export type DaemonSetInput = {
  /** Workload name: metadata.name and the app label. */
  name: string;
  /** Defaults to `default`. */
  namespace?: string;
  /** Target cluster, recorded as annotation daemonsets.dev/cluster. */
  cluster?: string;
  description?: string;
  /** Owner in the catalog (a group or user entity reference, or a bare group name). */
  owner?: string;
  /** The System the catalog Component belongs to. */
  system?: string;
  /** Mount the node /etc/localtime read-only into every container. Defaults to false. */
  timezoneSync?: boolean;
  /** Tolerate virtual-kubelet nodes (virtual-kubelet.io/provider). Defaults to false. */
  serverlessBursting?: boolean;
  /** Extra labels for the DaemonSet, its pods and Services. */
  labels?: Record<string, string>;
  /** Extra annotations for the DaemonSet and its pods. */
  annotations?: Record<string, string>;
  containers: ContainerInput[];
  volumes?: VolumeInput[];
  /** Names of docker-registry Secrets in the namespace. */
  imagePullSecrets?: string[];
  services?: ServiceInput[];
  updateStrategy?: UpdateStrategyInput;
  minReadySeconds?: number;
  terminationGracePeriodSeconds?: number;
  /** Use the node's network namespace; subject to the approval policy. Defaults to false. */
  hostNetwork?: boolean;
  scheduling?: SchedulingInput;
  dns?: DnsInput;
  /** Multus network attachments: [namespace/]name[\@interface]. */
  networkAttachments?: string[];
  metrics?: MetricsInput;
  instrumentation?: InstrumentationInput;
};

/**
 * A {@link DaemonSetInput} after parsing: defaults filled in.
 *
 * @public
 */
export type ParsedDaemonSetInput = Omit<
  DaemonSetInput,
  | 'namespace'
  | 'timezoneSync'
  | 'serverlessBursting'
  | 'hostNetwork'
  | 'services'
  | 'updateStrategy'
  | 'dns'
  | 'metrics'
> & {
  namespace: string;
  timezoneSync: boolean;
  serverlessBursting: boolean;
  hostNetwork: boolean;
  services?: Array<ServiceInput & { type: NonNullable<ServiceInput['type']> }>;
  updateStrategy?: UpdateStrategyInput & {
    type: NonNullable<UpdateStrategyInput['type']>;
  };
  dns?: DnsInput & { policy: NonNullable<DnsInput['policy']> };
  metrics?: MetricsInput & {
    path: string;
    scheme: NonNullable<MetricsInput['scheme']>;
  };
};

/** One container of a {@link ParsedDaemonSetInput}. @public */
export type ParsedContainerInput = ContainerInput;
