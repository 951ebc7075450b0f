/**
 * The manifest shapes the generator emits: the Kubernetes fields it sets, typed loosely enough
 * to stay free of a Kubernetes client dependency.
 */

/** Object metadata. @public */
export interface ObjectMeta {
  /** `metadata.name`. */
  name: string;
  /** `metadata.namespace`. */
  namespace: string;
  /** `metadata.labels`, including `app` and `backstage.io/kubernetes-id`. */
  labels: Record<string, string>;
  /** `metadata.annotations`. */
  annotations?: Record<string, string>;
}

/** Any Kubernetes object the generator emits. @public */
export interface KubernetesObject {
  /** `apiVersion`, e.g. `apps/v1`. */
  apiVersion: string;
  /** `kind`, e.g. `DaemonSet`. */
  kind: string;
  /** Object metadata. */
  metadata: ObjectMeta;
  /** Object spec. */
  spec?: unknown;
}

/** A container of the generated pod template. @public */
export interface ContainerManifest {
  /** Container name. */
  name: string;
  /** Image reference, with the tag when given. */
  image: string;
  /** `Always`, `IfNotPresent` or `Never`. */
  imagePullPolicy?: string;
  /** Entrypoint override. */
  command?: string[];
  /** Arguments. */
  args?: string[];
  /** Container ports. */
  ports?: Array<{
    name?: string;
    containerPort: number;
    protocol: string;
    hostPort?: number;
  }>;
  /** Environment variables. */
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  /** Resource requests and limits, as Kubernetes quantities. */
  resources: {
    requests: Record<string, string>;
    limits?: Record<string, string>;
  };
  /** Volume mounts. */
  volumeMounts?: Array<{
    name: string;
    mountPath: string;
    readOnly?: boolean;
    subPath?: string;
  }>;
  /** Lifecycle hooks (`postStart`, `preStop`). */
  lifecycle?: unknown;
  /** Liveness probe. */
  livenessProbe?: unknown;
  /** Readiness probe. */
  readinessProbe?: unknown;
  /** Startup probe. */
  startupProbe?: unknown;
  /** Security context: `privileged`, `runAsUser`. */
  securityContext?: { privileged?: boolean; runAsUser?: number };
}

/** A volume of the generated pod template. @public */
export interface VolumeManifest {
  /** Volume name, referenced by volume mounts. */
  name: string;
  /** A path on the node. */
  hostPath?: { path: string; type?: string };
  /** A scratch directory that lives as long as the pod. */
  emptyDir?: { medium?: string; sizeLimit?: string };
  /** A ConfigMap volume. */
  configMap?: unknown;
  /** A Secret volume. */
  secret?: unknown;
  /** A PersistentVolumeClaim volume. */
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
}

/** A toleration. @public */
export interface TolerationManifest {
  /** Taint key tolerated. */
  key?: string;
  /** `Equal` or `Exists`. */
  operator?: string;
  /** Taint value tolerated. */
  value?: string;
  /** Taint effect tolerated. */
  effect?: string;
  /** How long a `NoExecute` taint is tolerated. */
  tolerationSeconds?: number;
}

/** The generated pod spec. @public */
export interface PodSpecManifest {
  /** Whether pods use the node's network. */
  hostNetwork?: boolean;
  /** DNS policy; written explicitly. */
  dnsPolicy: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'None' | 'Default';
  /** Custom DNS settings. */
  dnsConfig?: {
    nameservers?: string[];
    searches?: string[];
    options?: Array<{ name: string; value: string }>;
  };
  /** Labels a node must have. */
  nodeSelector?: Record<string, string>;
  /** Scheduling affinity. */
  affinity?: {
    nodeAffinity?: unknown;
    podAffinity?: unknown;
    podAntiAffinity?: unknown;
  };
  /** Tolerations. */
  tolerations?: TolerationManifest[];
  /** Priority class. */
  priorityClassName?: string;
  /** Grace period before a stopping pod is killed. */
  terminationGracePeriodSeconds?: number;
  /** Secrets to pull private images. */
  imagePullSecrets?: Array<{ name: string }>;
  /** The containers. */
  containers: ContainerManifest[];
  /** The volumes. */
  volumes?: VolumeManifest[];
}

/** The generated `apps/v1` DaemonSet. @public */
export interface DaemonSetManifest extends KubernetesObject {
  /** Always `apps/v1`. */
  apiVersion: 'apps/v1';
  /** Always `DaemonSet`. */
  kind: 'DaemonSet';
  /** DaemonSet spec: selector, update strategy, pod template. */
  spec: {
    selector: { matchLabels: Record<string, string> };
    updateStrategy: {
      type: 'RollingUpdate' | 'OnDelete';
      rollingUpdate?: {
        maxUnavailable?: number | string;
        maxSurge?: number | string;
      };
    };
    minReadySeconds?: number;
    template: {
      metadata: {
        labels: Record<string, string>;
        annotations?: Record<string, string>;
      };
      spec: PodSpecManifest;
    };
  };
}

/** A generated `v1` Service. @public */
export interface ServiceManifest extends KubernetesObject {
  /** Always `v1`. */
  apiVersion: 'v1';
  /** Always `Service`. */
  kind: 'Service';
  /** Service spec: type, selector and ports. */
  spec: {
    type: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
    clusterIP?: 'None';
    selector: Record<string, string>;
    ports: Array<{
      name?: string;
      port: number;
      targetPort: number | string;
      protocol: string;
      nodePort?: number;
    }>;
  };
}

/**
 * What {@link buildDaemonSetManifests} returns.
 *
 * @public
 */
export interface BuildResult {
  /** The DaemonSet first, then one Service per requested service, in input order. */
  objects: KubernetesObject[];
  /** The same objects as typed values. */
  daemonSet: DaemonSetManifest;
  /** The Services, in input order. */
  services: ServiceManifest[];
  /** The objects as a multi-document YAML stream. */
  yaml: string;
  /** Whether the approval policy holds this input for a human decision. */
  approvalRequired: boolean;
  /** Why approval is required, each naming the field and the policy key. */
  approvalReasons: string[];
}
