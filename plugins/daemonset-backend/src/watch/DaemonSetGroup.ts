import {
  ClusterStatus,
  ConnectionState,
  DaemonSetStatusReport,
} from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetStatusReport } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { V1DaemonSet } from '@kubernetes/client-node';
import { connectionOf } from './connectionOf';
import { DaemonSetInputs, PodInputs } from './DaemonSetInputs';
import { WatchCache } from './WatchCache';
import type { WatchSource } from './WatchSource';

interface CachedReport {
  key: string;
  report: DaemonSetStatusReport;
}

/**
 * The DaemonSets matching one label selector in one cluster (one namespace or all), with
 * everything their reports need.
 *
 * @remarks
 * Watches the cluster's nodes (shared by all groups of the cluster), the DaemonSets matching
 * the entity's selector and, from the same moment, the pods and ControllerRevisions matching it
 * ({@link DaemonSetInputs}: one cache each for all the entity's DaemonSets, narrowed per
 * DaemonSet by its `spec.selector`; own caches for a DaemonSet whose pods do not carry the
 * entity's labels). Reports are computed by `buildDaemonSetStatusReport` and cached per DaemonSet
 * until one of their inputs changes; a rebuild recomputes only the rows whose node or pods
 * changed (`NodeRowCache`).
 *
 * @internal
 */
export class DaemonSetGroup {
  private nodes?: WatchCache<any>;
  private daemonSets?: WatchCache<V1DaemonSet>;
  private inputs?: DaemonSetInputs;
  private readonly reports = new Map<string, CachedReport>();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: Array<() => void> = [];
  private tickTimer?: NodeJS.Timeout;
  private tickAt = 0;

  constructor(
    private readonly watches: WatchSource,
    readonly namespace: string | undefined,
    readonly labelSelector: string,
  ) {}

  start(): void {
    this.nodes = this.watches.acquire('nodes');
    this.daemonSets = this.watches.acquire(
      'daemonsets',
      this.namespace,
      this.labelSelector,
    );
    this.inputs = new DaemonSetInputs(
      this.watches,
      this.namespace,
      this.labelSelector,
      () => this.notify(),
    );
    this.inputs.start();
    this.unsubscribe.push(
      this.nodes.onChange(() => this.notify()),
      this.daemonSets.onChange(() => {
        this.reconcileInputs();
        this.notify();
      }),
    );
    this.reconcileInputs();
  }

  stop(): void {
    clearTimeout(this.tickTimer);
    this.unsubscribe.forEach(u => u());
    this.unsubscribe.length = 0;
    this.inputs?.stop();
    this.inputs = undefined;
    if (this.nodes) this.watches.release(this.nodes);
    if (this.daemonSets) this.watches.release(this.daemonSets);
    this.nodes = undefined;
    this.daemonSets = undefined;
    this.reports.clear();
    this.listeners.clear();
  }

  /** Calls `listener` whenever anything the group reports may have changed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Waits, at most `timeoutMs` in total, for nodes, DaemonSets and the entity's pods and
   * revisions to be listed once (all at once), then for the own caches of DaemonSets whose pods
   * do not carry the entity's labels.
   */
  async whenSynced(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    if (!this.nodes || !this.daemonSets || !this.inputs) return;
    await Promise.all(
      [this.nodes, this.daemonSets, ...this.inputs.sharedCaches].map(c =>
        c.whenSynced(timeoutMs),
      ),
    );
    const left = deadline - Date.now();
    const own = this.inputs?.ownCaches ?? [];
    if (left > 0 && own.length > 0) {
      await Promise.all(own.map(c => c.whenSynced(left)));
    }
  }

  /** The cluster part of the entity's status, from the caches as they are now. */
  status(cluster: string): ClusterStatus {
    const nodes = this.nodes;
    const daemonSets = this.daemonSets;
    const held = this.inputs;
    if (!nodes || !daemonSets || !held) {
      return {
        cluster,
        connection: {
          state: 'failed',
          since: new Date().toISOString(),
          reason: 'stopped',
        },
        daemonSets: [],
        error: { message: 'not watching this cluster' },
      };
    }
    const connection = connectionOf(
      [nodes, daemonSets, ...held.sharedCaches, ...held.ownCaches].map(
        c => c.connection,
      ),
    );
    if (!nodes.synced || !daemonSets.synced) {
      return {
        cluster,
        connection,
        daemonSets: [],
        error: { message: `Cluster not read yet: ${reasonOf(connection)}` },
      };
    }

    const reports: DaemonSetStatusReport[] = [];
    const pending: string[] = [];
    const sorted = [...daemonSets.list()].sort((a, b) =>
      `${a.metadata?.namespace}/${a.metadata?.name}`.localeCompare(
        `${b.metadata?.namespace}/${b.metadata?.name}`,
      ),
    );
    for (const daemonSet of sorted) {
      const uid = daemonSet.metadata?.uid ?? '';
      const input = held.get(uid);
      if (!input || !input.pods.synced || !input.revisions.synced) {
        pending.push(
          `${daemonSet.metadata?.namespace}/${daemonSet.metadata?.name}`,
        );
        continue;
      }
      reports.push(this.reportOf(cluster, daemonSet, nodes, input, connection));
    }
    const status: ClusterStatus = { cluster, connection, daemonSets: reports };
    if (pending.length > 0) {
      status.error = {
        message: `Pods of ${pending.join(', ')} not read yet: ${reasonOf(
          connection,
        )}`,
      };
    }
    return status;
  }

  private reportOf(
    cluster: string,
    daemonSet: V1DaemonSet,
    nodes: WatchCache<any>,
    input: PodInputs,
    connection: ConnectionState,
  ): DaemonSetStatusReport {
    const uid = daemonSet.metadata?.uid ?? '';
    const key = [
      daemonSet.metadata?.resourceVersion,
      nodes.version,
      input.pods.version,
      input.revisions.version,
      this.tickAt,
      JSON.stringify(connection),
    ].join('|');
    const cached = this.reports.get(uid);
    if (cached?.key === key) {
      return cached.report;
    }
    const observedAt = Math.max(
      nodes.lastChangedAt,
      this.daemonSets!.lastChangedAt,
      input.pods.lastChangedAt,
      input.revisions.lastChangedAt,
      this.tickAt,
    );
    const report = buildDaemonSetStatusReport({
      cluster,
      daemonSet,
      nodes: nodes.list(),
      pods: input.podList(),
      revisions: input.revisionList(),
      connection,
      observedAt: new Date(observedAt).toISOString(),
      rowCache: input.rowCache,
    });
    this.reports.set(uid, { key, report });
    this.scheduleReadinessTick(daemonSet, observedAt);
    return report;
  }

  /**
   * With `minReadySeconds`, a pod becomes available without any event: look again once that
   * time has passed since the last change.
   */
  private scheduleReadinessTick(
    daemonSet: V1DaemonSet,
    observedAt: number,
  ): void {
    const minReadySeconds = daemonSet.spec?.minReadySeconds ?? 0;
    if (minReadySeconds <= 0 || this.tickTimer) {
      return;
    }
    const delay = Math.max(
      0,
      observedAt + minReadySeconds * 1000 + 100 - Date.now(),
    );
    this.tickTimer = setTimeout(() => {
      this.tickTimer = undefined;
      this.tickAt = Date.now();
      this.notify();
    }, delay);
    this.tickTimer.unref?.();
  }

  private reconcileInputs(): void {
    if (!this.daemonSets || !this.inputs) return;
    const gone = this.inputs.reconcile(
      this.daemonSets.list(),
      this.daemonSets.synced,
    );
    for (const uid of gone) this.reports.delete(uid);
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

function reasonOf(connection: ConnectionState): string {
  return connection.state === 'connected'
    ? 'listing'
    : `${connection.state}${
        connection.reason ? ` (${connection.reason})` : ''
      }`;
}
