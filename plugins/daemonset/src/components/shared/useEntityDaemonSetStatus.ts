import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { EntityDaemonSetStatus } from '@daemonsets/plugin-daemonset-common';
import {
  daemonSetApiRef,
  DaemonSetEntityRef,
  LiveConnectionState,
} from '../../api';

/** What {@link useEntityDaemonSetStatus} returns. @public */
export interface EntityDaemonSetStatusState {
  /** The latest status, from the initial request or the live channel. */
  status?: EntityDaemonSetStatus;
  /** True until the first status or error arrives. */
  loading: boolean;
  /** The error of the initial request, when no status could be read at all. */
  error?: Error;
  /** The state of the live channel. */
  connection: LiveConnectionState;
}

/**
 * Reads an entity's DaemonSet status and follows it live: one request for a quick first paint,
 * and a subscription whose snapshot and changes replace it. Unsubscribes on unmount.
 *
 * @public
 */
export function useEntityDaemonSetStatus(
  entityRef: DaemonSetEntityRef | undefined,
): EntityDaemonSetStatusState {
  const api = useApi(daemonSetApiRef);
  const [state, setState] = useState<EntityDaemonSetStatusState>({
    loading: Boolean(entityRef),
    connection: { state: 'connecting' },
  });
  const kind = entityRef?.kind;
  const namespace = entityRef?.namespace;
  const name = entityRef?.name;

  useEffect(() => {
    if (!kind || !namespace || !name) return undefined;
    const ref = { kind, namespace, name };
    let active = true;
    let liveStatusSeen = false;
    setState({ loading: true, connection: { state: 'connecting' } });

    api.getEntityStatus(ref).then(
      status => {
        if (!active || liveStatusSeen) return;
        setState(s => ({ ...s, status, loading: false, error: undefined }));
      },
      error => {
        if (!active || liveStatusSeen) return;
        setState(s => ({ ...s, loading: false, error }));
      },
    );

    const unsubscribe = api.subscribeToEntityStatus(ref, {
      onStatus: status => {
        if (!active) return;
        liveStatusSeen = true;
        setState(s => ({ ...s, status, loading: false, error: undefined }));
      },
      onConnectionChange: connection => {
        if (!active) return;
        setState(s => ({ ...s, connection }));
      },
    });

    return () => {
      active = false;
      unsubscribe();
    };
  }, [api, kind, namespace, name]);

  return state;
}
