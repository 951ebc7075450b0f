/**
 * The manifest shapes the generator emits: the Kubernetes fields it sets, typed loosely enough
 * to stay free of a Kubernetes client dependency.
 */

/** Object metadata. @public */
export interface ObjectMeta {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Any Kubernetes object the generator emits. @public */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  spec?: unknown;
}

/** A container of the generated pod template. @public */
export interface ContainerManifest {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  ports?: Array<{
    name?: string;
    containerPort: number;
    protocol: string;
    hostPort?: number;
  }>;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  resources: {
    requests: Record<string, string>;
    limits?: Record<string, string>;
  };
  volumeMounts?: Array<{
    name: string;
    mountPath: string;
    readOnly?: boolean;
    subPath?: string;
  }>;
  lifecycle?: unknown;
  livenessProbe?: unknown;
  readinessProbe?: unknown;
  startupProbe?: unknown;
  securityContext?: { privileged?: boolean; runAsUser?: number };
}

/** A volume of the generated pod template. @public */
export interface VolumeManifest {
  name: string;
  hostPath?: { path: string; type?: string };
  emptyDir?: { medium?: string; sizeLimit?: string };
  configMap?: unknown;
  secret?: unknown;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
}

/** A toleration. @public */
export interface TolerationManifest {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

/** The generated pod spec. @public */
export interface PodSpecManifest {
  hostNetwork?: boolean;
  dnsPolicy: 'ClusterFirst' | 'ClusterFirstWithHostNet' | 'None' | 'Default';
  dnsConfig?: {
    nameservers?: string[];
    searches?: string[];
    options?: Array<{ name: string; value: string }>;
  };
  nodeSelector?: Record<string, string>;
  affinity?: {
    nodeAffinity?: unknown;
    podAffinity?: unknown;
    podAntiAffinity?: unknown;
  };
  tolerations?: TolerationManifest[];
  priorityClassName?: string;
  terminationGracePeriodSeconds?: number;
  imagePullSecrets?: Array<{ name: string }>;
  containers: ContainerManifest[];
  volumes?: VolumeManifest[];
}

/** The generated `apps/v1` DaemonSet. @public */
export interface DaemonSetManifest extends KubernetesObject {
  apiVersion: 'apps/v1';
  kind: 'DaemonSet';
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
  apiVersion: 'v1';
  kind: 'Service';
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
