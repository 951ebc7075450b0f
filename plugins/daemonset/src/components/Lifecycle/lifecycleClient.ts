import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  DiscoveryApi,
  discoveryApiRef,
  FetchApi,
  fetchApiRef,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DaemonSetChangeOutcome,
  DaemonSetDecommissionOutcome,
  DaemonSetLifecycleState,
} from '@daemonsets/plugin-daemonset-common';
import { useMemo } from 'react';

/** The lifecycle routes of the DaemonSet backend, for one entity. */
export interface LifecycleClient {
  state(): Promise<DaemonSetLifecycleState>;
  rollback(body: {
    revision: number;
    baseRevision: number;
  }): Promise<DaemonSetChangeOutcome>;
  decommission(body: {
    confirm: string;
    baseRevision: number;
  }): Promise<DaemonSetDecommissionOutcome>;
}

function createLifecycleClient(
  apis: () => { discovery: DiscoveryApi; fetchApi: FetchApi },
  ref: CompoundEntityRef,
): LifecycleClient {
  const path = [ref.namespace, ref.kind, ref.name]
    .map(encodeURIComponent)
    .join('/');
  const call = async <T>(suffix: string, body?: object): Promise<T> => {
    const { discovery, fetchApi } = apis();
    const base = await discovery.getBaseUrl('daemonset');
    const response = await fetchApi.fetch(
      `${base}/entity/${path}/lifecycle${suffix}`,
      body
        ? {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          }
        : undefined,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  };
  return {
    state: () => call(''),
    rollback: body => call('/rollback', body),
    decommission: body => call('/decommission', body),
  };
}

/**
 * The {@link LifecycleClient} of an entity. The APIs are looked up on the first call, not while
 * rendering, so an app without them shows the tab without the lifecycle actions.
 */
export function useLifecycleClient(ref: CompoundEntityRef): LifecycleClient {
  const holder = useApiHolder();
  const { namespace, kind, name } = ref;
  return useMemo(
    () =>
      createLifecycleClient(
        () => {
          const discovery = holder.get(discoveryApiRef);
          const fetchApi = holder.get(fetchApiRef);
          if (!discovery || !fetchApi) {
            throw new Error('The discovery and fetch APIs are not available');
          }
          return { discovery, fetchApi };
        },
        { namespace, kind, name },
      ),
    [holder, namespace, kind, name],
  );
}
