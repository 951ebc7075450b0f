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
import { describeError, failureKindOf, httpStatusOf } from './describeError';
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
  /**
   * A 403 is reported as `reconnecting` and retried at least every 2 s for this long before the
   * cache reports `failed`: a restarted API server answers 403 until its authorizer has read the
   * RBAC objects. (Before the first list, three failed attempts in a row still count as failed.)
   */
  deniedGraceMs: number;
}

/** @internal */
export const DEFAULT_WATCH_TIMING: WatchTiming = {
  stallTimeoutMs: 90_000,
  listTimeoutMs: 30_000,
  watchTimeoutSeconds: 300,
  backoff: DEFAULT_BACKOFF_BOUNDS,
  deniedGraceMs: 10_000,
};

/** Longest delay between retries while a denial may still be transient. */
const DENIED_RETRY_MAX_MS = 2_000;

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
  /**
   * Cuts every object down to what is read before it is cached (see `trim.ts`); applied to watch
   * events here. `list` must return objects cut down the same way.
   */
  trim?: (object: T) => T;
  /** For log lines, e.g. `pods app=x in ns y of cluster c`; never credentials. */
  description: string;
  logger: LoggerService;
  timing?: Partial<WatchTiming>;
}

/** An object's JSON without its resource version. */
function contentOf(object: KubernetesObject): string {
  return JSON.stringify(object, (key, value) =>
    key === 'resourceVersion' ? undefined : value,
  );
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
 * (see {@link failureKindOf}). 401, 403 and 404 are reported as `failed` (a 403 only after
 * `deniedGraceMs` of refusals, meanwhile `reconnecting` and retried every few seconds: an API
 * server that just restarted refuses until it has read its RBAC objects) and retried all the
 * same, so the cache heals by
 * itself once the token or permission works again. The content counts as read as soon as the
 * first list is taken in, before the watch opens. Watches ask for bookmarks, so an open watch
 * sees an event at least about once a minute; none for `stallTimeoutMs` means the connection
 * silently died, and the watch is aborted and resumed.
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
  /** Since when every attempt was refused with 403, and the timer that ends the grace. */
  private deniedSince?: number;
  private deniedTimer?: NodeJS.Timeout;
  /** Watched objects equal to the ones they replace but for their resource version. */
  private readonly unchanged = new WeakSet<object>();

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
        requested: () => this.onListTakenIn(),
        opened: controller => this.onWatchOpened(controller),
        event: () => this.armStallTimer(),
        trim: (object: T) => {
          const kept = options.trim ? options.trim(object) : object;
          this.markIfUnchanged(kept);
          return kept;
        },
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
    this.informer.on('update', object => {
      if (!this.unchanged.has(object)) changed();
    });
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
    this.clearDenied();
    this.currentWatch = undefined;
    this.listAbort?.abort();
    void this.informer.stop();
    for (const wake of this.syncWaiters) wake();
  }

  /** The objects currently known. */
  list(): readonly T[] {
    return this.informer.list();
  }

  /**
   * The objects known in `namespace` (all when undefined) and the resource version they are at,
   * read together: a watch resumed from that version misses no change of theirs. The version is
   * empty before the first list.
   */
  contents(namespace?: string): {
    items: readonly T[];
    resourceVersion: string;
  } {
    return {
      items:
        namespace === undefined ? this.list() : this.informer.list(namespace),
      resourceVersion: this.informer.latestResourceVersion(),
    };
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

  /**
   * Resolves once the first list is in or its first attempt failed, at once when that is past. A
   * refusal is retried for a while (`deniedGraceMs`) before the cache counts as failed: no one
   * should wait that long for a cache another one could do without.
   */
  whenFirstListDecided(timeoutMs: number): Promise<void> {
    const decided = () =>
      this.hasSynced ||
      this.connectionState.state !== 'reconnecting' ||
      this.connectionState.reason !== 'connecting';
    if (decided()) return Promise.resolve();
    return new Promise(resolve => {
      const stopListening = this.onChange(() => {
        if (decided()) finish();
      });
      function finish() {
        stopListening();
        resolve();
      }
      void this.whenSynced(timeoutMs).then(finish);
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

  /**
   * Marks a watched object, trimmed, unchanged when it equals the object it replaces but for its
   * resource version: a node's heartbeat, a field the trim drops. Such an update is kept (its
   * resource version is the one to resume from) but is no change: on a large fleet kubelets send
   * thousands an hour, and each would rebuild every open view.
   */
  private markIfUnchanged(kept: KubernetesObject): void {
    const previous = this.informer.get(
      kept.metadata?.name ?? '',
      kept.metadata?.namespace,
    );
    if (previous && contentOf(previous) === contentOf(kept)) {
      this.unchanged.add(kept);
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

  /**
   * The informer asks for a watch right after it has taken in a list (or to resume one): the
   * content is meaningful from now on, so readers need not wait for the watch to open.
   */
  private onListTakenIn(): void {
    if (!this.running || this.hasSynced) {
      return;
    }
    this.hasSynced = true;
    this.changes++;
    this.lastChange = Date.now();
    this.clearDenied();
    this.setConnection({ state: 'connected', since: new Date().toISOString() });
    for (const wake of [...this.syncWaiters]) wake();
  }

  private clearDenied(): void {
    clearTimeout(this.deniedTimer);
    this.deniedTimer = undefined;
    this.deniedSince = undefined;
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
    this.clearDenied();
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
    let kind = stall ? 'transient' : failureKindOf(error);
    let delay = stall ? 0 : backoffDelay(this.attempts, this.timing.backoff);
    if (httpStatusOf(error) === 403) {
      const now = Date.now();
      this.deniedSince ??= now;
      const graceLeft = this.deniedSince + this.timing.deniedGraceMs - now;
      if (graceLeft > 0) {
        kind = 'transient';
        delay = Math.min(delay, DENIED_RETRY_MAX_MS);
        this.endGraceIn(graceLeft, reason);
      }
    } else {
      this.clearDenied();
    }
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

  /** Reports `failed` once a denial outlasts the grace, without waiting for the next retry. */
  private endGraceIn(ms: number, reason: string): void {
    if (this.deniedTimer) return;
    this.deniedTimer = setTimeout(() => {
      if (this.running && this.deniedSince !== undefined) {
        this.setConnection({
          state: 'failed',
          since: new Date().toISOString(),
          reason,
        });
        if (!this.hasSynced) {
          for (const wake of [...this.syncWaiters]) wake();
        }
      }
    }, ms);
    this.deniedTimer.unref?.();
  }
}
