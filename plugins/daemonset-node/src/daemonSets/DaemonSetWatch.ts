import type { KubeConfig, V1DaemonSet } from '@kubernetes/client-node';
import {
  backoffDelay,
  DEFAULT_BACKOFF_BOUNDS,
} from '@daemonsets/plugin-daemonset-common';
import { createInterface } from 'node:readline';
import { listDaemonSets } from './listDaemonSets';
import {
  apiServerGet,
  DaemonSetQuery,
  daemonSetsPath,
  KubeStatusError,
} from './request';

/** What a {@link DaemonSetWatch} reports. @public */
export interface DaemonSetWatchHandlers {
  /** The full state after each (re-)list. */
  synced(items: V1DaemonSet[]): void | Promise<void>;
  /** A DaemonSet added or changed. */
  upserted(item: V1DaemonSet): void | Promise<void>;
  /** A DaemonSet deleted. */
  deleted(item: V1DaemonSet): void | Promise<void>;
  /** The list or the watch failed; it is retried after `retryInMs`. */
  failed(error: Error, retryInMs: number): void;
}

/** Options of a {@link DaemonSetWatch}. @public */
export interface DaemonSetWatchOptions extends DaemonSetQuery {
  /** The cluster and credentials, e.g. from `kubeConfigFor`. */
  kubeConfig: KubeConfig;
  /** Called with the state and each change, in order, one at a time. */
  handlers: DaemonSetWatchHandlers;
  /** Longest wait between retries (default 30 s); doubles from 1 s, with jitter (`backoffDelay`). */
  maxBackoffMs?: number;
  /** The server ends each watch after about this long; it is then resumed (default 300). */
  watchTimeoutSeconds?: number;
}

const GONE = 410;

/**
 * Lists then watches the DaemonSets of a query on one cluster until stopped: resumes a watch
 * the server ends from the last resource version, re-lists on 410 Gone, and retries failures
 * with exponential backoff.
 *
 * @public
 */
export class DaemonSetWatch {
  private readonly controller = new AbortController();
  private loop?: Promise<void>;

  constructor(private readonly options: DaemonSetWatchOptions) {}

  /** Starts the loop; returns at once. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Stops the loop and closes its connection. */
  async stop(): Promise<void> {
    this.controller.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { signal } = this.controller;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const list = await listDaemonSets(
          this.options.kubeConfig,
          this.options,
          signal,
        );
        await this.options.handlers.synced(list.items);
        failures = 0;
        let resourceVersion = list.resourceVersion;
        for (;;) {
          resourceVersion = await this.watchOnce(resourceVersion, signal);
          failures = 0;
          if (signal.aborted) return;
        }
      } catch (error) {
        if (signal.aborted) return;
        const gone =
          error instanceof KubeStatusError && error.statusCode === GONE;
        const delay = gone
          ? 0
          : backoffDelay(failures, {
              initialMs: DEFAULT_BACKOFF_BOUNDS.initialMs,
              maxMs: this.options.maxBackoffMs ?? DEFAULT_BACKOFF_BOUNDS.maxMs,
            });
        failures += 1;
        if (!gone) this.options.handlers.failed(error as Error, delay);
        await sleep(delay, signal);
      }
    }
  }

  /** One watch request; resolves with the last resource version when the server ends it. */
  private async watchOnce(from: string, signal: AbortSignal): Promise<string> {
    const res = await apiServerGet(
      this.options.kubeConfig,
      daemonSetsPath(this.options),
      {
        watch: true,
        resourceVersion: from,
        labelSelector: this.options.labelSelector,
        allowWatchBookmarks: true,
        timeoutSeconds: this.options.watchTimeoutSeconds ?? 300,
      },
      signal,
    );
    let resourceVersion = from;
    const lines = createInterface({ input: res, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as { type: string; object: any };
      if (event.type === 'ERROR') {
        throw new KubeStatusError(event.object?.code ?? 500);
      }
      const item = {
        ...event.object,
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
      };
      resourceVersion = item.metadata?.resourceVersion ?? resourceVersion;
      if (event.type === 'ADDED' || event.type === 'MODIFIED') {
        await this.options.handlers.upserted(item);
      } else if (event.type === 'DELETED') {
        await this.options.handlers.deleted(item);
      }
    }
    return resourceVersion;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
