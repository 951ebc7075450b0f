import { act } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalDecisionInput,
  ApprovalPolicy,
  ApprovalRequest,
  ClusterStatus,
  DaemonSetStatusReport,
  DaemonSetSummary,
  defaultApprovalPolicy,
  EntityDaemonSetStatus,
  NodeRow,
  PlacementPreview,
  Verdict,
  WizardCluster,
  WizardKeyedObject,
  WizardNamespace,
} from '@daemonsets/plugin-daemonset-common';
import {
  ApprovalRequestFilter,
  DaemonSetApi,
  EntityStatusSubscriber,
  LiveConnectionState,
} from '../api';

export const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'node-agent',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'node-agent' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

export const entityWithoutAnnotation: Entity = {
  ...entity,
  metadata: { name: 'node-agent', namespace: 'default' },
};

export const T0 = '2024-05-01T12:03:41Z';

export function makeRow(
  index: number,
  verdict: Verdict = 'ok',
  overrides: Partial<NodeRow> = {},
): NodeRow {
  const name = `node-${index}`;
  const hasPod = verdict !== 'missing' && verdict !== 'notEligible';
  return {
    node: {
      name,
      ready: true,
      schedulable: true,
      labels: {
        'topology.kubernetes.io/zone': index % 2 ? 'zone-a' : 'zone-b',
        'kubernetes.io/os': 'linux',
      },
      taints: [],
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
    },
    eligibility:
      verdict === 'notEligible'
        ? {
            eligible: false,
            reasons: ['taint dedicated=gpu:NoSchedule not tolerated'],
          }
        : { eligible: true, reasons: [] },
    pod: hasPod
      ? {
          name: `node-agent-${index.toString(36)}x`,
          namespace: 'daemonset-demo',
          phase: 'Running',
          ready: verdict === 'ok',
          restarts: verdict === 'failing' ? 7 : 0,
          startTime: T0,
          createdAt: T0,
          revision: verdict === 'progressing' ? 'old123' : 'rev456',
          currentRevision: verdict !== 'progressing',
          deleting: false,
          containers: [
            {
              name: 'agent',
              image: 'ghcr.io/example/node-agent:1.2.3',
              ready: verdict === 'ok',
              restartCount: verdict === 'failing' ? 7 : 0,
              state: verdict === 'failing' ? 'waiting' : 'running',
              ...(verdict === 'failing'
                ? {
                    reason: 'CrashLoopBackOff',
                    message: 'back-off 5m0s restarting failed container',
                    lastTermination: {
                      reason: 'Error',
                      exitCode: 1,
                      finishedAt: T0,
                    },
                  }
                : {}),
            },
          ],
        }
      : undefined,
    verdict,
    reason:
      verdict === 'failing' ? 'container agent: CrashLoopBackOff' : undefined,
    ...overrides,
  };
}

export function countsOf(rows: NodeRow[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = {
    ok: 0,
    progressing: 0,
    failing: 0,
    missing: 0,
    misscheduled: 0,
    notEligible: 0,
  };
  for (const row of rows) counts[row.verdict]++;
  return counts;
}

export function makeReport(
  rows: NodeRow[],
  overrides: Partial<DaemonSetSummary> = {},
  cluster = 'prod',
): DaemonSetStatusReport {
  const eligible = rows.filter(r => r.eligibility.eligible).length;
  const ready = rows.filter(r => r.verdict === 'ok').length;
  return {
    cluster,
    daemonSet: {
      name: 'node-agent',
      namespace: 'daemonset-demo',
      uid: 'uid-1',
      generation: 2,
      observedGeneration: 2,
      desired: eligible,
      current: eligible,
      ready,
      updated: rows.filter(r => r.pod?.currentRevision).length,
      available: ready,
      unavailable: eligible - ready,
      misscheduled: rows.filter(r => r.verdict === 'misscheduled').length,
      updateStrategy: { type: 'RollingUpdate', maxUnavailable: 1, maxSurge: 0 },
      currentRevision: 'rev456',
      images: ['ghcr.io/example/node-agent:1.2.3'],
      createdAt: T0,
      ...overrides,
    },
    nodes: rows,
    counts: countsOf(rows),
    connection: { state: 'connected', since: T0 },
    observedAt: T0,
  };
}

export function makeCluster(
  cluster: string,
  reports: DaemonSetStatusReport[],
  extra: Partial<ClusterStatus> = {},
): ClusterStatus {
  return {
    cluster,
    connection: { state: 'connected', since: T0 },
    daemonSets: reports,
    ...extra,
  };
}

export function makeStatus(
  clusters: ClusterStatus[],
  generatedAt = T0,
): EntityDaemonSetStatus {
  return { entityRef: 'component:default/node-agent', clusters, generatedAt };
}

export async function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: status === 403 ? 'NotAllowedError' : 'Error', message },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}

function isStatus(
  value: EntityDaemonSetStatus | Error,
): value is EntityDaemonSetStatus {
  return 'clusters' in value;
}

export function makeWizardCluster(
  name: string,
  connection: Partial<WizardCluster['connection']> = {},
  title?: string,
): WizardCluster {
  return {
    name,
    ...(title ? { title } : {}),
    connection: { state: 'connected', checkedAt: T0, ...connection },
  };
}

export function makePlacement(
  overrides: Partial<PlacementPreview> = {},
): PlacementPreview {
  return {
    cluster: 'local',
    totalNodes: 30,
    eligibleNodes: 18,
    excluded: [
      {
        kind: 'taint',
        reason: 'taint dedicated=gpu:NoSchedule not tolerated',
        count: 12,
        examples: ['gpu-1', 'gpu-2', 'gpu-3', 'gpu-4', 'gpu-5'],
      },
    ],
    cost: {
      perPod: { cpu: 0.25, memory: 512 * 1024 ** 2 },
      fleet: { cpu: 4.5, memory: 9 * 1024 ** 3 },
    },
    observedAt: T0,
    ...overrides,
  };
}

/** One `previewPlacement` call of {@link FakeDaemonSetApi}, settled by the test. */
export interface PlacementCall {
  cluster: string;
  input: Record<string, unknown>;
  signal?: AbortSignal;
  resolve(preview: PlacementPreview): void;
  reject(error: Error): void;
}

/** Wizard data of {@link FakeDaemonSetApi}; tests replace what they need. */
export interface FakeWizardData {
  clusters: WizardCluster[] | Error;
  namespaces: Record<string, WizardNamespace[] | Error>;
  /** By `cluster/namespace`. */
  secrets: Record<string, WizardKeyedObject[]>;
  /** By `cluster/namespace`. */
  configMaps: Record<string, WizardKeyedObject[]>;
  policy: ApprovalPolicy | Error;
}

export function makeWizardData(
  overrides: Partial<FakeWizardData> = {},
): FakeWizardData {
  return {
    clusters: [makeWizardCluster('local', {}, 'Local cluster')],
    namespaces: {
      local: [
        { name: 'default', policy: 'allow' },
        { name: 'daemonset-demo', policy: 'allow' },
        { name: 'kube-system', policy: 'deny' },
        { name: 'monitoring', policy: 'requireApproval' },
      ],
    },
    secrets: {
      'local/daemonset-demo': [
        { name: 'agent-token', type: 'Opaque', keys: ['password', 'token'] },
        {
          name: 'registry-creds',
          type: 'kubernetes.io/dockerconfigjson',
          keys: ['.dockerconfigjson'],
        },
      ],
    },
    configMaps: {
      'local/daemonset-demo': [
        { name: 'agent-config', keys: ['agent.yaml', 'level'] },
      ],
    },
    policy: defaultApprovalPolicy,
    ...overrides,
  };
}

function answer<T>(value: T | Error): Promise<T> {
  return value instanceof Error
    ? Promise.reject(value)
    : Promise.resolve(value);
}

/** A DaemonSetApi whose live channel and wizard answers the test drives. */
export class FakeDaemonSetApi implements DaemonSetApi {
  subscriber?: EntityStatusSubscriber;
  unsubscribed = false;
  /** The wizard routes' answers. */
  wizard: FakeWizardData = makeWizardData();
  /** Every `previewPlacement` call, pending until the test settles it. */
  placementCalls: PlacementCall[] = [];
  /** The calls of the wizard list methods, e.g. `listNamespaces local`. */
  calls: string[] = [];

  constructor(
    private readonly initial: EntityDaemonSetStatus | Error = makeStatus([]),
  ) {}

  async listClusters() {
    return [{ name: 'prod', title: 'Production' }];
  }

  listWizardClusters() {
    this.calls.push('listWizardClusters');
    return answer(this.wizard.clusters);
  }

  listNamespaces(cluster: string) {
    this.calls.push(`listNamespaces ${cluster}`);
    return answer(this.wizard.namespaces[cluster] ?? []);
  }

  listSecrets(cluster: string, namespace: string) {
    this.calls.push(`listSecrets ${cluster}/${namespace}`);
    return answer(this.wizard.secrets[`${cluster}/${namespace}`] ?? []);
  }

  listConfigMaps(cluster: string, namespace: string) {
    this.calls.push(`listConfigMaps ${cluster}/${namespace}`);
    return answer(this.wizard.configMaps[`${cluster}/${namespace}`] ?? []);
  }

  getApprovalPolicy() {
    this.calls.push('getApprovalPolicy');
    return answer(this.wizard.policy);
  }

  previewPlacement(
    cluster: string,
    input: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ): Promise<PlacementPreview> {
    return new Promise((resolve, reject) => {
      const call: PlacementCall = {
        cluster,
        input,
        signal: options?.signal,
        resolve,
        reject,
      };
      this.placementCalls.push(call);
      options?.signal?.addEventListener('abort', () =>
        reject(new DOMException('The operation was aborted.', 'AbortError')),
      );
    });
  }

  async getEntityStatus() {
    if (!isStatus(this.initial)) throw this.initial;
    return this.initial;
  }

  subscribeToEntityStatus(_ref: unknown, subscriber: EntityStatusSubscriber) {
    this.subscriber = subscriber;
    if (!isStatus(this.initial)) {
      subscriber.onConnectionChange?.({ state: 'failed', error: this.initial });
    } else {
      subscriber.onConnectionChange?.({ state: 'live' });
    }
    return () => {
      this.unsubscribed = true;
    };
  }

  /** Pushes a status over the live channel. */
  emit(status: EntityDaemonSetStatus) {
    act(() => this.subscriber!.onStatus(status, { id: status.generatedAt }));
  }

  /** Changes the live channel's state. */
  setConnection(state: LiveConnectionState) {
    act(() => this.subscriber!.onConnectionChange?.(state));
  }

  /** The approval requests of the fake backend; an Error makes every approvals call fail. */
  approvals: ApprovalRequest[] | Error = [];
  /** What `getApprovalLiveObjects` answers. */
  liveObjects: object[] = [];

  async listApprovalRequests(filter: ApprovalRequestFilter = {}) {
    this.calls.push(`listApprovalRequests ${JSON.stringify(filter)}`);
    const all = await answer(this.approvals);
    return all.filter(r =>
      Object.entries(filter).every(
        ([key, value]) => !value || r[key as keyof ApprovalRequest] === value,
      ),
    );
  }

  async getApprovalRequest(id: string) {
    const found = (await answer(this.approvals)).find(r => r.id === id);
    if (!found) throw new Error(`No approval request ${id}`);
    return found;
  }

  async getApprovalLiveObjects(id: string) {
    this.calls.push(`getApprovalLiveObjects ${id}`);
    return { objects: this.liveObjects };
  }

  /** Records the decision and answers the request as rejected or approved by `user:default/me`. */
  async decideApprovalRequest(id: string, input: ApprovalDecisionInput) {
    this.calls.push(`decide ${id} ${input.decision} ${input.comment ?? ''}`);
    const request = await this.getApprovalRequest(id);
    return {
      ...request,
      state: input.decision === 'approve' ? 'approved' : 'rejected',
      decisions: [
        ...request.decisions,
        { by: 'user:default/me', at: request.createdAt, ...input },
      ],
    } as ApprovalRequest;
  }

  async withdrawApprovalRequest(id: string) {
    this.calls.push(`withdraw ${id}`);
    return {
      ...(await this.getApprovalRequest(id)),
      state: 'withdrawn' as const,
    };
  }

  async retryApprovalRequest(id: string) {
    this.calls.push(`retry ${id}`);
    return {
      ...(await this.getApprovalRequest(id)),
      state: 'applying' as const,
    };
  }
}

/** An approval request for `ops/agent` on `prod`, pending, by `user:default/dev`. */
export function makeApprovalRequest(
  overrides: Partial<ApprovalRequest> = {},
): ApprovalRequest {
  return {
    id: 'req-1',
    cluster: 'prod',
    namespace: 'ops',
    name: 'agent',
    entityRef: 'component:default/node-agent',
    manifest: [
      'apiVersion: apps/v1',
      'kind: DaemonSet',
      'metadata:',
      '  name: agent',
      '  namespace: ops',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '        - name: agent',
      '          image: ghcr.io/acme/agent:2.0',
      '          securityContext:',
      '            privileged: true',
      '',
    ].join('\n'),
    sha256: 'a'.repeat(64),
    reasons: [
      'DaemonSet ops/agent container agent is privileged (daemonset.policy.privileged: requireApproval)',
    ],
    requiredApprovals: 1,
    requester: 'user:default/dev',
    state: 'pending',
    decisions: [],
    createdAt: '2026-01-01T10:00:00Z',
    updatedAt: '2026-01-01T10:00:00Z',
    expiresAt: '2026-01-08T10:00:00Z',
    ...overrides,
  };
}
