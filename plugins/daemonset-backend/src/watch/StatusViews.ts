import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { readPluginOptions } from '../config/readPluginOptions';
import { EntityWatchScope } from './EntityWatchScope';
import { ClusterWatches } from './ClusterWatches';
import {
  DEFAULT_VIEW_TIMING,
  EntityStatusView,
  VersionClock,
  ViewTiming,
} from './EntityStatusView';

/** A sweep tick later than this skips (see the constructor). */
const LATE_SWEEP_MS = 1_000;

/** Options of {@link StatusViews}. @internal */
export interface StatusViewsOptions {
  clusters: ReadonlyMap<string, ClusterWatches>;
  /** Stop a view's watches after this long without requests or subscribers. */
  idleTimeoutMs: number;
  logger: LoggerService;
  viewTiming?: ViewTiming;
}

/**
 * The entity views in use, one per {@link EntityWatchScope}; evicts (and so stops the watches
 * of) views with no subscriber, no waiting request and no request for `idleTimeoutMs`, except
 * pinned ones (pre-warmed: kept until shutdown, their number bounded by the pre-warm).
 *
 * @internal
 */
export class StatusViews {
  private readonly views = new Map<string, EntityStatusView>();
  private readonly pinned = new Set<string>();
  private readonly clock = new VersionClock();
  private readonly sweeper: NodeJS.Timeout;

  /** The views over `watches`, evicted after `daemonset.watchIdleTimeout` without a viewer. */
  static fromConfig(
    config: Config,
    deps: {
      watches: ReadonlyMap<string, ClusterWatches>;
      logger: LoggerService;
    },
  ): StatusViews {
    return new StatusViews({
      clusters: deps.watches,
      idleTimeoutMs: readPluginOptions(config).watchIdleTimeoutMs,
      logger: deps.logger,
    });
  }

  constructor(private readonly options: StatusViewsOptions) {
    const every = Math.max(100, Math.min(options.idleTimeoutMs / 2, 30_000));
    let due = Date.now() + every;
    this.sweeper = setInterval(() => {
      const now = Date.now();
      const late = now - due;
      due = now + every;
      // A tick this late ran right after the event loop was blocked: requests for views that
      // look idle may be queued behind it, not yet counted as use. The next tick sweeps.
      if (late < LATE_SWEEP_MS) this.sweep(now);
    }, every);
    this.sweeper.unref?.();
  }

  /** The view of `scope`, started if needed; `pin` keeps it from idle eviction. */
  viewOf(
    scope: EntityWatchScope,
    options: { pin?: boolean } = {},
  ): EntityStatusView {
    if (options.pin) this.pinned.add(scope.key);
    let view = this.views.get(scope.key);
    if (!view) {
      const groups = scope.clusters.map(cluster => ({
        cluster,
        group: this.clusterWatches(cluster).acquireGroup(
          scope.namespace,
          scope.labelSelector,
        ),
      }));
      view = new EntityStatusView(
        scope,
        groups,
        this.clock,
        this.options.viewTiming ?? DEFAULT_VIEW_TIMING,
        error =>
          this.options.logger.error(
            `Could not build the status of ${scope.entityRef}`,
            error instanceof Error ? error : new Error(String(error)),
          ),
      );
      this.views.set(scope.key, view);
      this.options.logger.info(
        `Started watching DaemonSets of ${scope.entityRef} (${
          scope.labelSelector
        }) in ${scope.clusters.join(', ')}`,
      );
    }
    view.lastUsedAt = Date.now();
    return view;
  }

  /** Number of pinned views: for tests and diagnostics. */
  get pinnedCount(): number {
    return this.pinned.size;
  }

  /** Number of live views: for tests and diagnostics. */
  get size(): number {
    return this.views.size;
  }

  /** Evicts idle views now. */
  sweep(now: number = Date.now()): void {
    for (const [key, view] of this.views) {
      if (this.pinned.has(key)) continue;
      if (!view.inUse && now - view.lastUsedAt >= this.options.idleTimeoutMs) {
        this.evict(key, view);
        this.options.logger.info(
          `Stopped watching DaemonSets of ${
            view.scope.entityRef
          }: idle for ${Math.round((now - view.lastUsedAt) / 1000)}s`,
        );
      }
    }
  }

  /** Stops everything. */
  close(): void {
    clearInterval(this.sweeper);
    this.pinned.clear();
    for (const [key, view] of this.views) this.evict(key, view);
  }

  private evict(key: string, view: EntityStatusView): void {
    this.views.delete(key);
    view.dispose();
    for (const { cluster, group } of view.groups) {
      this.options.clusters.get(cluster)?.releaseGroup(group);
    }
  }

  private clusterWatches(cluster: string): ClusterWatches {
    const watches = this.options.clusters.get(cluster);
    if (!watches) {
      throw new Error(`cluster ${cluster} is not configured`);
    }
    return watches;
  }
}
