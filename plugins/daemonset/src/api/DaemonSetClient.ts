import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityDaemonSetStatus } from '@daemonsets/plugin-daemonset-common';
import {
  ClusterSummary,
  DaemonSetApi,
  DaemonSetEntityRef,
  EntityStatusSubscriber,
} from './DaemonSetApi';
import { BackoffOptions, subscribeToStatusStream } from './subscribe';

/**
 * {@link DaemonSetApi} over HTTP, authenticated by the app's FetchApi.
 *
 * @public
 */
export class DaemonSetClient implements DaemonSetApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly backoff?: BackoffOptions;

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
        )}/events?patches=true`,
      fetch: (input, init) => this.fetchApi.fetch(input, init),
      subscriber,
      backoff: this.backoff,
    });
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

function entityPath(entityRef: DaemonSetEntityRef): string {
  return [entityRef.namespace, entityRef.kind, entityRef.name]
    .map(encodeURIComponent)
    .join('/');
}
