import {
  buildDaemonSetStatusReport,
  ClusterStatus,
  ConnectionState,
  DaemonSetStatusReport,
  NodeRowCache,
  structuredSelectorToString,
} from '@daemonsets/plugin-daemonset-common';
import {
  V1ControllerRevision,
  V1DaemonSet,
  V1Pod,
} from '@kubernetes/client-node';
import { connectionOf } from './connectionOf';
import { WatchCache } from './WatchCache';
import type { WatchSource } from './WatchSource';

interface PodInputs {
  selector: string;
  pods: WatchCache<V1Pod>;
  revisions: WatchCache<V1ControllerRevision>;
  rowCache: NodeRowCache;
  unsubscribe: Array<() => void>;
}

interface CachedReport {
  key: string;
  report: DaemonSetStatusReport;
}

/**
 * The DaemonSets matching one label selector in one cluster (one namespace or all), with
 * everything their reports need.
 *
 * @remarks
 * Watches the cluster's nodes (shared by all groups of the cluster) and the DaemonSets matching
 * the entity's selector. A DaemonSet's pods and ControllerRevisions are found with the
 * DaemonSet's own `spec.selector` in its namespace, which is exact whatever the entity's
 * selector is: the controller requires the selector to match the template labels, which its
 * pods and ControllerRevisions carry. These watches are opened and closed as DaemonSets appear
 * and disappear. Reports are computed by `buildDaemonSetStatusReport` and cached per DaemonSet
 * until one of their inputs changes; a rebuild recomputes only the rows whose node or pods
 * changed (`NodeRowCache`).
 *
 * @internal
 */
export class DaemonSetGroup {
  private nodes?: WatchCache<any>;
  private daemonSets?: WatchCache<V1DaemonSet>;
  private readonly inputs = new Map<string, PodInputs>();
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
    for (const uid of [...this.inputs.keys()]) this.releaseInputs(uid);
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
   * Waits, at most `timeoutMs` in total, for nodes, DaemonSets and then the DaemonSets' pods and
   * revisions to be listed once.
   */
  async whenSynced(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    if (!this.nodes || !this.daemonSets) return;
    await Promise.all([
      this.nodes.whenSynced(timeoutMs),
      this.daemonSets.whenSynced(timeoutMs),
    ]);
    const left = deadline - Date.now();
    if (left > 0) {
      await Promise.all(
        [...this.inputs.values()].flatMap(i => [
          i.pods.whenSynced(left),
          i.revisions.whenSynced(left),
        ]),
      );
    }
  }

  /** The cluster part of the entity's status, from the caches as they are now. */
  status(cluster: string): ClusterStatus {
    const nodes = this.nodes;
    const daemonSets = this.daemonSets;
    if (!nodes || !daemonSets) {
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
    const inputs = [...this.inputs.values()];
    const connection = connectionOf([
      nodes.connection,
      daemonSets.connection,
      ...inputs.flatMap(i => [i.pods.connection, i.revisions.connection]),
    ]);
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
      const input = this.inputs.get(uid);
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
      pods: input.pods.list(),
      revisions: input.revisions.list(),
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
    if (!this.daemonSets) return;
    const wanted = new Map<string, string>();
    for (const daemonSet of this.daemonSets.list()) {
      const uid = daemonSet.metadata?.uid;
      const selector = structuredSelectorToString(daemonSet.spec?.selector);
      if (uid && selector) {
        wanted.set(uid, selector);
        const existing = this.inputs.get(uid);
        if (existing && existing.selector !== selector) {
          this.releaseInputs(uid);
        }
        if (!this.inputs.has(uid)) {
          this.acquireInputs(
            uid,
            daemonSet.metadata?.namespace ?? '',
            selector,
          );
        }
      }
    }
    for (const uid of [...this.inputs.keys()]) {
      if (!wanted.has(uid)) {
        this.releaseInputs(uid);
        this.reports.delete(uid);
      }
    }
  }

  private acquireInputs(
    uid: string,
    namespace: string,
    selector: string,
  ): void {
    const pods = this.watches.acquire('pods', namespace, selector);
    const revisions = this.watches.acquire(
      'controllerrevisions',
      namespace,
      selector,
    );
    const changed = () => this.notify();
    this.inputs.set(uid, {
      selector,
      pods,
      revisions,
      rowCache: new NodeRowCache(),
      unsubscribe: [pods.onChange(changed), revisions.onChange(changed)],
    });
  }

  private releaseInputs(uid: string): void {
    const input = this.inputs.get(uid);
    if (!input) return;
    this.inputs.delete(uid);
    input.unsubscribe.forEach(u => u());
    this.watches.release(input.pods);
    this.watches.release(input.revisions);
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
