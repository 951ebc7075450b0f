import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ApprovalDecisionInput,
  ApprovalLiveObjects,
  ApprovalPolicy,
  ApprovalRequest,
  ApprovalRequestList,
  EntityDaemonSetStatus,
  PlacementPreview,
  PodEventList,
  PodLogQuery,
  PodRestartResult,
  WizardCluster,
  WizardKeyedObject,
  WizardList,
  WizardNamespace,
} from '@daemonsets/plugin-daemonset-common';
import {
  ApprovalRequestFilter,
  ClusterSummary,
  DaemonSetApi,
  DaemonSetEntityRef,
  EntityStatusSubscriber,
} from './DaemonSetApi';
import { BackoffOptions, subscribeToStatusStream } from './subscribe';
import {
  logQueryString,
  PodEventsSubscriber,
  PodLocator,
  readText,
  subscribeToPodEventsStream,
} from './podTroubleshooting';

/**
 * {@link DaemonSetApi} over HTTP, authenticated by the app's FetchApi.
 *
 * @public
 */
export class DaemonSetClient implements DaemonSetApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly backoff?: BackoffOptions;
  /** The backend reads its policy once at startup, so one answer serves the whole page. */
  private policy?: Promise<ApprovalPolicy>;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    /** Reconnection timing of live subscriptions. */
    backoff?: BackoffOptions;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.backoff = options.backoff;
  }

  /** {@inheritDoc DaemonSetApi.listClusters} */
  async listClusters(): Promise<ClusterSummary[]> {
    const body = await this.get<{ items: ClusterSummary[] }>('/clusters');
    return body.items;
  }

  /** {@inheritDoc DaemonSetApi.listWizardClusters} */
  async listWizardClusters(): Promise<WizardCluster[]> {
    return (await this.get<WizardList<WizardCluster>>('/clusters')).items;
  }

  /** {@inheritDoc DaemonSetApi.listNamespaces} */
  async listNamespaces(cluster: string): Promise<WizardNamespace[]> {
    return (
      await this.get<WizardList<WizardNamespace>>(
        `/clusters/${encodeURIComponent(cluster)}/namespaces`,
      )
    ).items;
  }

  /** {@inheritDoc DaemonSetApi.listSecrets} */
  async listSecrets(
    cluster: string,
    namespace: string,
  ): Promise<WizardKeyedObject[]> {
    return (
      await this.get<WizardList<WizardKeyedObject>>(
        `${namespacePath(cluster, namespace)}/secrets`,
      )
    ).items;
  }

  /** {@inheritDoc DaemonSetApi.listConfigMaps} */
  async listConfigMaps(
    cluster: string,
    namespace: string,
  ): Promise<WizardKeyedObject[]> {
    return (
      await this.get<WizardList<WizardKeyedObject>>(
        `${namespacePath(cluster, namespace)}/configmaps`,
      )
    ).items;
  }

  /** {@inheritDoc DaemonSetApi.getApprovalPolicy} */
  async getApprovalPolicy(): Promise<ApprovalPolicy> {
    this.policy ??= this.get<ApprovalPolicy>('/policy').catch(error => {
      this.policy = undefined;
      throw error;
    });
    return this.policy;
  }

  /** {@inheritDoc DaemonSetApi.previewPlacement} */
  async previewPlacement(
    cluster: string,
    input: Record<string, unknown>,
    options?: { signal?: AbortSignal },
  ): Promise<PlacementPreview> {
    const baseUrl = await this.discoveryApi.getBaseUrl('daemonset');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/clusters/${encodeURIComponent(cluster)}/placement`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ input }),
        signal: options?.signal,
      },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as PlacementPreview;
  }

  /** {@inheritDoc DaemonSetApi.getEntityStatus} */
  async getEntityStatus(
    entityRef: DaemonSetEntityRef,
  ): Promise<EntityDaemonSetStatus> {
    return this.get<EntityDaemonSetStatus>(
      `/entity/${entityPath(entityRef)}/status`,
    );
  }

  /** {@inheritDoc DaemonSetApi.subscribeToEntityStatus} */
  subscribeToEntityStatus(
    entityRef: DaemonSetEntityRef,
    subscriber: EntityStatusSubscriber,
  ): () => void {
    return subscribeToStatusStream({
      url: async () =>
        `${await this.discoveryApi.getBaseUrl('daemonset')}/entity/${entityPath(
          entityRef,
        )}/status/stream?patches=true`,
      fetch: (input, init) => this.fetchApi.fetch(input, init),
      subscriber,
      backoff: this.backoff,
    });
  }

  /** {@inheritDoc DaemonSetApi.listApprovalRequests} */
  async listApprovalRequests(
    filter: ApprovalRequestFilter = {},
  ): Promise<ApprovalRequest[]> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (value) query.set(key, value);
    }
    const suffix = query.toString() ? `?${query}` : '';
    return (await this.get<ApprovalRequestList>(`/approvals${suffix}`)).items;
  }

  /** {@inheritDoc DaemonSetApi.getApprovalRequest} */
  async getApprovalRequest(id: string): Promise<ApprovalRequest> {
    return this.get<ApprovalRequest>(approvalPath(id));
  }

  /** {@inheritDoc DaemonSetApi.getApprovalLiveObjects} */
  async getApprovalLiveObjects(id: string): Promise<ApprovalLiveObjects> {
    return this.get<ApprovalLiveObjects>(`${approvalPath(id)}/live`);
  }

  /** {@inheritDoc DaemonSetApi.decideApprovalRequest} */
  async decideApprovalRequest(
    id: string,
    decision: ApprovalDecisionInput,
  ): Promise<ApprovalRequest> {
    return this.post<ApprovalRequest>(
      `${approvalPath(id)}/decisions`,
      decision,
    );
  }

  /** {@inheritDoc DaemonSetApi.withdrawApprovalRequest} */
  async withdrawApprovalRequest(id: string): Promise<ApprovalRequest> {
    return this.post<ApprovalRequest>(`${approvalPath(id)}/withdraw`);
  }

  /** {@inheritDoc DaemonSetApi.retryApprovalRequest} */
  async retryApprovalRequest(id: string): Promise<ApprovalRequest> {
    return this.post<ApprovalRequest>(`${approvalPath(id)}/retry`);
  }

  /** {@inheritDoc DaemonSetApi.listPodEvents} */
  async listPodEvents(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
  ): Promise<PodEventList> {
    return this.get<PodEventList>(`${podPath(entityRef, pod)}/events`);
  }

  /** {@inheritDoc DaemonSetApi.subscribeToPodEvents} */
  subscribeToPodEvents(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
    subscriber: PodEventsSubscriber,
  ): () => void {
    return subscribeToPodEventsStream(
      (input, init) => this.fetchApi.fetch(input, init),
      async () =>
        `${await this.discoveryApi.getBaseUrl('daemonset')}${podPath(
          entityRef,
          pod,
        )}/events/stream`,
      subscriber,
    );
  }

  /** {@inheritDoc DaemonSetApi.readPodLogs} */
  async readPodLogs(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
    query: PodLogQuery,
    onText: (text: string) => void,
    signal?: AbortSignal,
  ): Promise<void> {
    const baseUrl = await this.discoveryApi.getBaseUrl('daemonset');
    await readText(
      (input, init) => this.fetchApi.fetch(input, init),
      `${baseUrl}${podPath(entityRef, pod)}/logs?${logQueryString(query)}`,
      onText,
      signal,
    );
  }

  /** {@inheritDoc DaemonSetApi.downloadPodLogs} */
  async downloadPodLogs(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
    query: PodLogQuery,
  ): Promise<{ blob: Blob; fileName: string }> {
    const baseUrl = await this.discoveryApi.getBaseUrl('daemonset');
    const response = await this.fetchApi.fetch(
      `${baseUrl}${podPath(entityRef, pod)}/logs?${logQueryString({
        ...query,
        follow: false,
        download: true,
      })}`,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const fileName =
      /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${pod.name}.log`;
    return { blob: await response.blob(), fileName };
  }

  /** {@inheritDoc DaemonSetApi.restartPod} */
  async restartPod(
    entityRef: DaemonSetEntityRef,
    pod: PodLocator,
  ): Promise<PodRestartResult> {
    return this.post<PodRestartResult>(`${podPath(entityRef, pod)}/restart`);
  }

  private async post<T>(path: string, body?: unknown): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('daemonset');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      ...(body === undefined
        ? {}
        : {
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('daemonset');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

function namespacePath(cluster: string, namespace: string): string {
  return `/clusters/${encodeURIComponent(
    cluster,
  )}/namespaces/${encodeURIComponent(namespace)}`;
}

function approvalPath(id: string): string {
  return `/approvals/${encodeURIComponent(id)}`;
}

function podPath(entityRef: DaemonSetEntityRef, pod: PodLocator): string {
  return `/entity/${entityPath(entityRef)}/pods/${[
    pod.cluster,
    pod.namespace,
    pod.name,
  ]
    .map(encodeURIComponent)
    .join('/')}`;
}

function entityPath(entityRef: DaemonSetEntityRef): string {
  return [entityRef.namespace, entityRef.kind, entityRef.name]
    .map(encodeURIComponent)
    .join('/');
}
