import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EntityDaemonSetStatus } from '@daemonsets/plugin-daemonset-common';
import { ClusterSummary, DaemonSetApi } from './DaemonSetApi';

/**
 * {@link DaemonSetApi} over HTTP, authenticated by the app's FetchApi.
 *
 * @public
 */
export class DaemonSetClient implements DaemonSetApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listClusters(): Promise<ClusterSummary[]> {
    const body = await this.get<{ items: ClusterSummary[] }>('/clusters');
    return body.items;
  }

  async getEntityStatus(entityRef: {
    kind: string;
    namespace: string;
    name: string;
  }): Promise<EntityDaemonSetStatus> {
    const path = [entityRef.namespace, entityRef.kind, entityRef.name]
      .map(encodeURIComponent)
      .join('/');
    return this.get<EntityDaemonSetStatus>(`/entity/${path}/status`);
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
