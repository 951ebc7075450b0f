import { ServiceUnavailableError } from '@backstage/errors';
import { V1Node } from '@kubernetes/client-node';
import { ClusterWatches } from '../watch/ClusterWatches';
import { WatchCache } from '../watch/WatchCache';

/** Options of {@link PlacementNodes}. @internal */
export interface PlacementNodesOptions {
  clusters: ReadonlyMap<string, ClusterWatches>;
  /** The node cache is released after this long without a preview. */
  idleTimeoutMs: number;
  /** A first preview waits at most this long (from the cache's start) for the first list. */
  syncTimeoutMs: number;
}

interface Held {
  cache: WatchCache<V1Node>;
  lastUsedAt: number;
  timer?: NodeJS.Timeout;
}

/**
 * The nodes the placement preview reads: the cluster's shared node cache (the one the entity
 * tab's views use, see {@link ClusterWatches.acquire}), held while previews come and released
 * `idleTimeoutMs` after the last one. A warm preview reads memory only.
 *
 * @internal
 */
export class PlacementNodes {
  private readonly held = new Map<string, Held>();

  constructor(private readonly options: PlacementNodesOptions) {}

  /**
   * The nodes of `cluster` and the time they are current as of: now while the watch is
   * connected, else when it was lost.
   *
   * @throws ServiceUnavailableError when the first list has not succeeded in time.
   */
  async nodesOf(
    cluster: string,
  ): Promise<{ nodes: readonly V1Node[]; observedAt: string }> {
    const held = this.hold(cluster);
    const synced = await held.cache.whenSynced(this.options.syncTimeoutMs);
    held.lastUsedAt = Date.now();
    const connection = held.cache.connection;
    if (!synced) {
      const reason =
        connection.state === 'connected'
          ? 'not read yet'
          : connection.reason ?? connection.state;
      throw new ServiceUnavailableError(
        `The nodes of cluster ${cluster} could not be read: ${reason}`,
      );
    }
    return {
      nodes: held.cache.list(),
      observedAt:
        connection.state === 'connected'
          ? new Date().toISOString()
          : connection.since,
    };
  }

  /** Releases every cache now, e.g. on shutdown. */
  close(): void {
    for (const cluster of [...this.held.keys()]) this.release(cluster);
  }

  private hold(cluster: string): Held {
    let held = this.held.get(cluster);
    if (!held) {
      const watches = this.options.clusters.get(cluster);
      if (!watches) {
        throw new Error(`cluster ${cluster} is not configured`);
      }
      held = { cache: watches.acquire('nodes'), lastUsedAt: Date.now() };
      this.held.set(cluster, held);
      this.scheduleRelease(cluster, held, this.options.idleTimeoutMs);
    }
    held.lastUsedAt = Date.now();
    return held;
  }

  private scheduleRelease(cluster: string, held: Held, delayMs: number): void {
    held.timer = setTimeout(() => {
      const idleFor = Date.now() - held.lastUsedAt;
      if (idleFor >= this.options.idleTimeoutMs) {
        this.release(cluster);
      } else {
        this.scheduleRelease(
          cluster,
          held,
          this.options.idleTimeoutMs - idleFor,
        );
      }
    }, delayMs);
    held.timer.unref?.();
  }

  private release(cluster: string): void {
    const held = this.held.get(cluster);
    if (!held) return;
    clearTimeout(held.timer);
    this.held.delete(cluster);
    this.options.clusters.get(cluster)?.release(held.cache);
  }
}
