import { ConnectionState } from '@daemonsets/plugin-daemonset-common';

const RANK: Record<ConnectionState['state'], number> = {
  connected: 0,
  reconnecting: 1,
  failed: 2,
};

/**
 * The connection state of a cluster from those of its watches: the worst one (failed, then
 * reconnecting, earliest first); when all are connected, connected since the latest (re)connect.
 *
 * @internal
 */
export function connectionOf(
  states: readonly ConnectionState[],
): ConnectionState {
  let worst: ConnectionState | undefined;
  for (const state of states) {
    if (!worst || RANK[state.state] > RANK[worst.state]) {
      worst = state;
    } else if (RANK[state.state] === RANK[worst.state]) {
      const later = state.since > worst.since;
      if (
        state.state === 'connected'
          ? later
          : !later && state.since !== worst.since
      ) {
        worst = state;
      }
    }
  }
  return worst ?? { state: 'connected', since: new Date(0).toISOString() };
}
