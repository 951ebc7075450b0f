import {
  KubeContainerStatus,
  KubeControllerRevision,
  KubeDaemonSet,
  KubeNode,
  KubeNodeSelectorTerm,
  KubePod,
  KubePodSpec,
  KubeTaint,
} from '../kubernetes';

export const DS_UID = 'ds-uid-1';

export function makeNode(
  name: string,
  options: {
    labels?: Record<string, string>;
    taints?: KubeTaint[];
    ready?: boolean;
    unschedulable?: boolean;
  } = {},
): KubeNode {
  return {
    metadata: {
      name,
      labels: { 'kubernetes.io/hostname': name, ...options.labels },
    },
    spec: { unschedulable: options.unschedulable, taints: options.taints },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: options.ready === false ? 'False' : 'True',
          reason: options.ready === false ? 'KubeletNotReady' : 'KubeletReady',
        },
      ],
    },
  };
}

export function makeDaemonSet(
  podSpec: Partial<KubePodSpec> = {},
  extra: Partial<NonNullable<KubeDaemonSet['spec']>> = {},
): KubeDaemonSet {
  return {
    metadata: { name: 'agent', namespace: 'infra', uid: DS_UID, generation: 3 },
    spec: {
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'agent:2' }], ...podSpec },
      },
      ...extra,
    },
  };
}

export function affinity(
  ...terms: KubeNodeSelectorTerm[]
): Partial<KubePodSpec> {
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: terms,
        },
      },
    },
  };
}

export function runningContainer(
  name = 'agent',
  overrides: Partial<KubeContainerStatus> = {},
): KubeContainerStatus {
  return {
    name,
    image: 'agent:2',
    ready: true,
    restartCount: 0,
    state: { running: { startedAt: '2025-01-01T00:00:05Z' } },
    ...overrides,
  };
}

export function makePod(
  name: string,
  options: {
    node?: string;
    ready?: boolean;
    phase?: string;
    revision?: string;
    ownerUid?: string;
    createdAt?: string;
    deleting?: boolean;
    readySince?: string;
    containers?: KubeContainerStatus[];
    initContainers?: KubeContainerStatus[];
    targetNode?: string;
  } = {},
): KubePod {
  const ready = options.ready ?? true;
  return {
    metadata: {
      name,
      namespace: 'infra',
      labels: {
        app: 'agent',
        'controller-revision-hash': options.revision ?? 'rev2',
      },
      creationTimestamp: options.createdAt ?? '2025-01-01T00:00:00Z',
      deletionTimestamp: options.deleting ? '2025-01-01T01:00:00Z' : undefined,
      ownerReferences: [
        {
          uid: options.ownerUid ?? DS_UID,
          kind: 'DaemonSet',
          name: 'agent',
          controller: true,
        },
      ],
    },
    spec: {
      nodeName: options.node,
      ...(options.targetNode
        ? affinity({
            matchFields: [
              {
                key: 'metadata.name',
                operator: 'In',
                values: [options.targetNode],
              },
            ],
          })
        : {}),
    },
    status: {
      phase: options.phase ?? (ready ? 'Running' : 'Pending'),
      startTime: '2025-01-01T00:00:01Z',
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: options.readySince ?? '2025-01-01T00:00:10Z',
        },
      ],
      containerStatuses: options.containers ?? [
        runningContainer('agent', { ready }),
      ],
      initContainerStatuses: options.initContainers,
    },
  };
}

export function makeRevision(
  name: string,
  revision: number,
  options: { ownerUid?: string; hash?: string | null } = {},
): KubeControllerRevision {
  const labels: Record<string, string> = { app: 'agent' };
  if (options.hash !== null) {
    labels['controller-revision-hash'] =
      options.hash ?? name.slice(name.lastIndexOf('-') + 1);
  }
  return {
    metadata: {
      name,
      namespace: 'infra',
      labels,
      ownerReferences: [{ uid: options.ownerUid ?? DS_UID, kind: 'DaemonSet' }],
    },
    revision,
  };
}
