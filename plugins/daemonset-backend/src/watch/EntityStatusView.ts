import type { ClusterStatus } from '@daemonsets/plugin-daemonset-common';
import { EntityWatchScope } from './EntityWatchScope';
import { DaemonSetGroup } from './DaemonSetGroup';
import {
  serializePatch,
  serializeStatus,
  SerializedStatus,
} from './statusSerialization';

/**
 * An entity's status serialized once for every reader, with its version: grows whenever the
 * content changes; the SSE event id and the ETag.
 *
 * @internal
 */
export interface StatusSnapshot extends SerializedStatus {
  version: number;
}

/** What subscribers receive after a change. @internal */
export interface StatusChange {
  /** The new status. */
  snapshot: StatusSnapshot;
  /**
   * The `EntityDaemonSetStatusPatch` from version `base` to `snapshot`, as JSON; undefined when
   * `base` is neither the previous push nor the snapshot served since (the subscriber then needs
   * the full snapshot).
   */
  patchFrom(base: number): string | undefined;
}

/**
 * Hands out versions that only grow, also across restarts of the backend (they start at the
 * current time in milliseconds), so that a client's `Last-Event-ID` from before a restart does
 * not match a new version by chance.
 *
 * @internal
 */
export class VersionClock {
  private last = 0;
  next(): number {
    this.last = Math.max(this.last + 1, Date.now());
    return this.last;
  }
}

/** Timing of an {@link EntityStatusView}. @internal */
export interface ViewTiming {
  /** Minimum time between two pushes to subscribers. */
  minPushIntervalMs: number;
  /** Delay after a first change, to gather a burst into one push. */
  gatherMs: number;
}

/** @internal */
export const DEFAULT_VIEW_TIMING: ViewTiming = {
  minPushIntervalMs: 250,
  gatherMs: 50,
};

/**
 * The live status of one entity: its DaemonSet groups in each cluster of its scope, the
 * serialized snapshot (recomputed only after a change) and its subscribers.
 *
 * @internal
 */
export class EntityStatusView {
  lastUsedAt = Date.now();
  private snapshot?: StatusSnapshot;
  private dirty = true;
  private pushTimer?: NodeJS.Timeout;
  private lastPushAt = 0;
  private lastPushed?: StatusSnapshot;
  private lastRefreshMs = 0;
  private waitingReads = 0;
  private readonly subscribers = new Map<
    (change: StatusChange) => void,
    () => void
  >();
  private readonly unsubscribe: Array<() => void>;

  constructor(
    readonly scope: EntityWatchScope,
    readonly groups: ReadonlyArray<{ cluster: string; group: DaemonSetGroup }>,
    private readonly clock: VersionClock,
    private readonly timing: ViewTiming = DEFAULT_VIEW_TIMING,
    private readonly onError: (error: unknown) => void = () => {},
  ) {
    this.unsubscribe = groups.map(({ group }) =>
      group.onChange(() => this.onChange()),
    );
  }

  /**
   * Waits for every cluster's first list, at most `timeoutMs` (clusters wait in parallel). The
   * view counts as in use meanwhile, so that it is not evicted under a waiting request.
   */
  async ready(timeoutMs: number): Promise<void> {
    this.waitingReads++;
    try {
      await Promise.all(
        this.groups.map(({ group }) => group.whenSynced(timeoutMs)),
      );
    } finally {
      this.waitingReads--;
      this.lastUsedAt = Date.now();
    }
  }

  /** The current snapshot, recomputed if something changed since the last one. */
  current(): StatusSnapshot {
    this.lastUsedAt = Date.now();
    if (this.dirty || !this.snapshot) {
      this.refresh();
    }
    return this.snapshot!;
  }

  /**
   * Receives every change, at most one per `minPushIntervalMs`; `onEnd` is called if the view is
   * disposed (backend shutdown) while subscribed.
   */
  subscribe(
    listener: (change: StatusChange) => void,
    onEnd: () => void = () => {},
  ): () => void {
    if (this.subscribers.size === 0) {
      // The first subscriber has just read the current snapshot: patch from there.
      this.lastPushed = this.snapshot;
    }
    this.subscribers.set(listener, onEnd);
    this.lastUsedAt = Date.now();
    return () => {
      this.subscribers.delete(listener);
      this.lastUsedAt = Date.now();
    };
  }

  /** Whether a push to subscribers is scheduled: for tests and diagnostics. */
  get pushPending(): boolean {
    return this.pushTimer !== undefined;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Whether a subscriber or a request waiting in {@link EntityStatusView.ready} uses the view. */
  get inUse(): boolean {
    return this.subscribers.size > 0 || this.waitingReads > 0;
  }

  dispose(): void {
    clearTimeout(this.pushTimer);
    this.unsubscribe.forEach(u => u());
    const ends = [...this.subscribers.values()];
    this.subscribers.clear();
    ends.forEach(end => end());
  }

  private refresh(): void {
    const started = Date.now();
    try {
      this.rebuild();
    } finally {
      this.lastRefreshMs = Date.now() - started;
    }
  }

  private rebuild(): void {
    this.dirty = false;
    const clusters: ClusterStatus[] = this.groups.map(({ cluster, group }) =>
      group.status(cluster),
    );
    const serialized = serializeStatus(
      this.scope.entityRef,
      clusters,
      new Date().toISOString(),
    );
    if (
      this.snapshot &&
      this.snapshot.contentHash() === serialized.contentHash()
    ) {
      return;
    }
    this.snapshot = { ...serialized, version: this.clock.next() };
  }

  private onChange(): void {
    this.dirty = true;
    if (this.subscribers.size === 0 || this.pushTimer) {
      return;
    }
    // On very large fleets a rebuild is costly: never spend more than half the time on it.
    const interval = Math.max(
      this.timing.minPushIntervalMs,
      2 * this.lastRefreshMs,
    );
    const delay = Math.max(
      this.timing.gatherMs,
      this.lastPushAt + interval - Date.now(),
    );
    this.pushTimer = setTimeout(() => this.push(), delay);
  }

  private push(): void {
    this.pushTimer = undefined;
    this.lastPushAt = Date.now();
    // A subscriber that joined since the last push holds the snapshot served then, maybe newer.
    const served = this.snapshot;
    let snapshot: StatusSnapshot;
    try {
      snapshot = this.current();
    } catch (error) {
      // Runs on a timer: a throw here would end the process. The next change tries again.
      this.dirty = true;
      this.onError(error);
      return;
    }
    const previous = this.lastPushed;
    if (snapshot.version === previous?.version) {
      return;
    }
    this.lastPushed = snapshot;
    const patches = new Map<number, string>();
    const change: StatusChange = {
      snapshot,
      patchFrom: base => {
        const from = [previous, served].find(s => s?.version === base);
        if (!from) return undefined;
        let patch = patches.get(base);
        if (patch === undefined) {
          patch = serializePatch({
            base,
            from,
            version: snapshot.version,
            to: snapshot,
          });
          patches.set(base, patch);
        }
        return patch;
      },
    };
    for (const subscriber of [...this.subscribers.keys()]) subscriber(change);
  }
}
