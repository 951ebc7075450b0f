import { LoggerService } from '@backstage/backend-plugin-api';
import {
  backoffDelay,
  BackoffBounds,
  ConnectionState,
  DEFAULT_BACKOFF_BOUNDS,
} from '@daemonsets/plugin-daemonset-common';
import {
  KubeConfig,
  KubernetesListObject,
  KubernetesObject,
  ListWatch,
} from '@kubernetes/client-node';
import { describeError, failureKindOf } from './describeError';
import { ObservedWatch } from './ObservedWatch';

/** Timing of a {@link WatchCache}. @internal */
export interface WatchTiming {
  /** No event, not even a bookmark, for this long on an open watch: restart it. */
  stallTimeoutMs: number;
  /** Give up on a list call after this long. */
  listTimeoutMs: number;
  /** Asks the server to end each watch after about this long (it is then resumed). */
  watchTimeoutSeconds: number;
  backoff: BackoffBounds;
}

/** @internal */
export const DEFAULT_WATCH_TIMING: WatchTiming = {
  stallTimeoutMs: 90_000,
  listTimeoutMs: 30_000,
  watchTimeoutSeconds: 300,
  backoff: DEFAULT_BACKOFF_BOUNDS,
};

/** Options of a {@link WatchCache}. @internal */
export interface WatchCacheOptions<T extends KubernetesObject> {
  kubeConfig: KubeConfig;
  /** Collection path, e.g. `/api/v1/nodes` or `/apis/apps/v1/namespaces/x/daemonsets`. */
  path: string;
  labelSelector?: string;
  /**
   * Lists the collection (the same path and selector as the watch). `signal` aborts the request
   * when the list times out or the cache stops, so a hanging server does not keep a connection.
   */
  list: (signal: AbortSignal) => Promise<KubernetesListObject<T>>;
  /** For log lines, e.g. `pods app=x in ns y of cluster c`; never credentials. */
  description: string;
  logger: LoggerService;
  timing?: Partial<WatchTiming>;
}

/** Before the first successful list, this many failures in a row count as "failed". */
const FAILED_AFTER_ATTEMPTS = 3;

function withTimeout<T>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new Error('list timed out');
      error.name = 'TimeoutError';
      reject(error);
      onTimeout();
    }, ms);
    promise.then(
      value => {
        clearTimeout(timer);
        resolve(value);
      },
      error => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * A self-healing list+watch cache of one collection, built on the client-node informer
 * (`ListWatch`).
 *
 * @remarks
 * The informer lists, then watches from the list's resource version; when the server ends a
 * watch it resumes from the last seen version, and on 410 Gone (as an HTTP status or as an ERROR
 * event) it re-lists, reconciling deletions. It stops on any other error: this class restarts it
 * after an exponential backoff with jitter, except for requests the server rejects as malformed
 * (see {@link failureKindOf}). 401, 403 and 404 are reported as `failed` at once but retried all
 * the same, so the cache heals by itself once the token or permission works again. Watches ask
 * for bookmarks, so an open watch sees an event at least about once a minute; none for
 * `stallTimeoutMs` means the connection silently died, and the watch is aborted and resumed.
 *
 * @internal
 */
export class WatchCache<T extends KubernetesObject> {
  readonly description: string;
  private readonly informer: ListWatch<T>;
  private readonly logger: LoggerService;
  private readonly timing: WatchTiming;
  private readonly listeners = new Set<() => void>();
  private readonly syncWaiters = new Set<() => void>();
  private connectionState: ConnectionState;
  private changes = 0;
  private lastChange = Date.now();
  private hasSynced = false;
  private everConnected = false;
  private attempts = 0;
  private running = false;
  private retryTimer?: NodeJS.Timeout;
  private stallTimer?: NodeJS.Timeout;
  private currentWatch?: AbortController;
  private stallReason?: string;
  private startedAt = 0;
  private listAbort?: AbortController;
  private lastFailure?: string;

  constructor(options: WatchCacheOptions<T>) {
    this.description = options.description;
    this.logger = options.logger;
    this.timing = { ...DEFAULT_WATCH_TIMING, ...options.timing };
    this.connectionState = {
      state: 'reconnecting',
      since: new Date().toISOString(),
      reason: 'connecting',
    };
    const watch = new ObservedWatch(
      options.kubeConfig,
      this.timing.watchTimeoutSeconds,
      {
        opened: controller => this.onWatchOpened(controller),
        event: () => this.armStallTimer(),
      },
    );
    this.informer = new ListWatch<T>(
      options.path,
      watch,
      () => {
        if (this.hasSynced) {
          // The informer lists again only when its resourceVersion expired (410 Gone).
          this.logger.debug(
            `Re-listing ${this.description}: its resourceVersion expired (HTTP 410)`,
          );
        }
        const controller = new AbortController();
        this.listAbort = controller;
        return withTimeout(
          options.list(controller.signal),
          this.timing.listTimeoutMs,
          () => controller.abort(),
        );
      },
      false,
      options.labelSelector,
    );
    const changed = () => this.onObjectChange();
    this.informer.on('add', changed);
    this.informer.on('update', changed);
    this.informer.on('delete', changed);
    this.informer.on('error', err => this.onError(err));
  }

  /** Starts listing and watching; idempotent. */
  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.startedAt = Date.now();
    this.runInformer();
  }

  /** Stops watching and every timer; the cache keeps its last content. */
  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.stallTimer);
    this.currentWatch = undefined;
    this.listAbort?.abort();
    void this.informer.stop();
    for (const wake of this.syncWaiters) wake();
  }

  /** The objects currently known. */
  list(): readonly T[] {
    return this.informer.list();
  }

  /** Grows by one on every change of the content; equal versions mean equal content. */
  get version(): number {
    return this.changes;
  }

  /** When the content last changed. */
  get lastChangedAt(): number {
    return this.lastChange;
  }

  /** Whether the first list succeeded (the content is meaningful, maybe stale). */
  get synced(): boolean {
    return this.hasSynced;
  }

  get connection(): ConnectionState {
    return this.connectionState;
  }

  /**
   * Resolves when the first list succeeded, failed for good, or the cache stopped; at the
   * latest `timeoutMs` after the cache started, so that only the first requests wait for a
   * slow or broken cluster.
   */
  whenSynced(timeoutMs: number): Promise<boolean> {
    const left = this.startedAt + timeoutMs - Date.now();
    if (this.hasSynced || !this.running || left <= 0) {
      return Promise.resolve(this.hasSynced);
    }
    return new Promise(resolve => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const wake = () => {
        clearTimeout(timer);
        this.syncWaiters.delete(wake);
        resolve(this.hasSynced);
      };
      timer = setTimeout(wake, left);
      this.syncWaiters.add(wake);
    });
  }

  /** Calls `listener` after every change of content or connection state. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private runInformer(): void {
    this.informer.start().catch(err => this.onError(err));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) {
      listener();
    }
  }

  private onObjectChange(): void {
    this.changes++;
    this.lastChange = Date.now();
    if (this.hasSynced) {
      this.notify();
    }
  }

  private setConnection(next: ConnectionState): void {
    const previous = this.connectionState;
    if (
      previous.state === next.state &&
      (previous as { reason?: string }).reason ===
        (next as { reason?: string }).reason
    ) {
      return;
    }
    this.connectionState =
      previous.state === next.state ? { ...next, since: previous.since } : next;
    this.notify();
  }

  private onWatchOpened(controller: AbortController): void {
    if (!this.running) {
      controller.abort();
      return;
    }
    this.currentWatch = controller;
    this.stallReason = undefined;
    this.attempts = 0;
    this.lastFailure = undefined;
    if (!this.hasSynced) {
      this.hasSynced = true;
      this.changes++;
      this.lastChange = Date.now();
      for (const wake of [...this.syncWaiters]) wake();
    }
    if (!this.everConnected || this.connectionState.state !== 'connected') {
      this.logger.info(
        this.everConnected
          ? `Watch of ${this.description} reconnected`
          : `Watching ${this.description}`,
      );
    }
    this.everConnected = true;
    this.setConnection({ state: 'connected', since: new Date().toISOString() });
    this.armStallTimer();
  }

  private armStallTimer(): void {
    clearTimeout(this.stallTimer);
    if (!this.running) {
      return;
    }
    this.stallTimer = setTimeout(() => {
      const watch = this.currentWatch;
      if (!watch) {
        return;
      }
      this.currentWatch = undefined;
      this.stallReason = `no event or bookmark for ${
        this.timing.stallTimeoutMs / 1000
      }s`;
      this.logger.warn(
        `Watch of ${this.description} stalled (${this.stallReason}); restarting it`,
      );
      watch.abort();
    }, this.timing.stallTimeoutMs);
    this.stallTimer.unref?.();
  }

  private onError(error: unknown): void {
    clearTimeout(this.stallTimer);
    this.currentWatch = undefined;
    if (!this.running) {
      return;
    }
    const stall = this.stallReason;
    this.stallReason = undefined;
    const reason = stall ?? describeError(error);
    const kind = stall ? 'transient' : failureKindOf(error);
    const delay = stall ? 0 : backoffDelay(this.attempts, this.timing.backoff);
    this.attempts++;
    const next =
      kind === 'invalid' ? 'not retrying' : `restarting in ${delay} ms`;
    const message = `Watch of ${this.description} failed: ${reason}; ${next}`;
    // A lasting failure (a revoked token) is retried forever: warn once, not every 30 s.
    if (this.lastFailure === reason) {
      this.logger.debug(message);
    } else {
      this.logger.warn(message);
    }
    this.lastFailure = reason;
    const failed =
      kind !== 'transient' ||
      (!this.hasSynced && this.attempts >= FAILED_AFTER_ATTEMPTS);
    this.setConnection(
      failed
        ? { state: 'failed', since: new Date().toISOString(), reason }
        : { state: 'reconnecting', since: new Date().toISOString(), reason },
    );
    if (failed && !this.hasSynced) {
      for (const wake of [...this.syncWaiters]) wake();
    }
    if (kind === 'invalid') {
      return;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.running) {
        this.runInformer();
      }
    }, delay);
    this.retryTimer.unref?.();
  }
}
