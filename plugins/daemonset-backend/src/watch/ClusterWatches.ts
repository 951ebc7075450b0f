import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ClusterDefinition,
  kubeConfigFor,
  readClusterDefinitions,
} from '@daemonsets/plugin-daemonset-node';
import { readPluginOptions } from '../config/readPluginOptions';
import { KubernetesListObject, V1Pod } from '@kubernetes/client-node';
import { DaemonSetGroup } from './DaemonSetGroup';
import {
  DAEMONSET_POD_LABEL,
  listFromHeldPods,
  requiresDaemonSetPods,
} from './daemonSetPods';
import { listCollection } from './listCollection';
import { compressesLists } from './listCompression';
import {
  CONTROLLER_REVISION_FIELDS,
  NODE_FIELDS,
  podTrim,
  Trim,
  trimTo,
} from './trim';
import {
  controllerRevisionDecoder,
  nodeDecoder,
  podDecoder,
} from './protobuf/kubernetesMessages';
import type { DecodedMessage } from './protobuf/shapeDecoder';
import { DEFAULT_WATCH_TIMING, WatchCache, WatchTiming } from './WatchCache';
import {
  watchListCollection,
  WatchListInterruptedError,
  WatchListUnsupportedError,
} from './watchListCollection';
import { WatchedKind, WatchedKinds, WatchSource } from './WatchSource';

export type { WatchedKind, WatchedKinds } from './WatchSource';

interface Shared<V> {
  value: V;
  refs: number;
}

/** Options of {@link ClusterWatches}. @internal */
export interface ClusterWatchesOptions extends Partial<WatchTiming> {
  /**
   * Read collections as a WatchList (`sendInitialEvents`) where the API server offers it, else
   * LIST (`daemonset.watchList`, default false).
   */
  watchList?: boolean;
  /**
   * Read the trimmed kinds' lists in protobuf, only the kept fields (`daemonset.protobuf`,
   * default true).
   */
  protobuf?: boolean;
  /**
   * Ask for the lists gzip-compressed (default true; `daemonset.listCompression`, see
   * {@link compressesLists}).
   */
  compressLists?: boolean;
}

/**
 * How the objects of each kind are kept: nodes, pods and ControllerRevisions are cut down at
 * ingest (the fleet-sized collections), their lists read in protobuf straight into what the trim
 * keeps; DaemonSets stay whole (few, and read by many).
 */
const KEPT: {
  [K in WatchedKind]?: { trim: Trim<WatchedKinds[K]>; decoder: DecodedMessage };
} = {
  nodes: { trim: trimTo(NODE_FIELDS), decoder: nodeDecoder() },
  pods: { trim: podTrim(), decoder: podDecoder() },
  controllerrevisions: {
    trim: trimTo(CONTROLLER_REVISION_FIELDS),
    decoder: controllerRevisionDecoder(),
  },
};

/**
 * The watches of one cluster, shared by every viewer: one cache per (kind, namespace, selector),
 * counted references, stopped when the last user releases it.
 *
 * @internal
 */
export class ClusterWatches implements WatchSource {
  readonly name: string;
  private readonly caches = new Map<string, Shared<WatchCache<any>>>();
  private readonly groups = new Map<string, Shared<DaemonSetGroup>>();
  private readonly kubeConfig;
  private readonly timing: Partial<WatchTiming>;
  private readonly watchList: boolean;
  private readonly protobuf: boolean;
  private readonly compressLists: boolean;
  /** False once the API server refused a WatchList: list from then on. */
  private watchListOffered = true;
  /** The node cache {@link ClusterWatches.holdNodes} keeps open. */
  private heldNodes?: WatchCache<WatchedKinds['nodes']>;
  /** The DaemonSet pod cache {@link ClusterWatches.holdDaemonSetPods} keeps open. */
  private heldPods?: WatchCache<V1Pod>;

  /**
   * The watches of every configured cluster (`daemonset.clusters`), by cluster name, with the
   * stall and server-side timeouts of `daemonset.watchStallTimeout` and `daemonset.watchTimeout`,
   * reading with WatchLists as `daemonset.watchList` says.
   */
  static fromConfig(
    config: Config,
    deps: { logger: LoggerService },
  ): Map<string, ClusterWatches> {
    const options = readPluginOptions(config);
    return new Map(
      readClusterDefinitions(config).map(cluster => [
        cluster.name,
        new ClusterWatches(cluster, deps.logger, {
          stallTimeoutMs: options.watchStallTimeoutMs,
          watchTimeoutSeconds: Math.max(
            1,
            Math.round(options.watchTimeoutMs / 1000),
          ),
          watchList: options.watchList,
          protobuf: options.protobuf,
          compressLists: compressesLists(options.listCompression, cluster.url),
        }),
      ]),
    );
  }

  constructor(
    cluster: ClusterDefinition,
    private readonly logger: LoggerService,
    options: ClusterWatchesOptions = {},
  ) {
    const {
      watchList = false,
      protobuf = true,
      compressLists = true,
      ...timing
    } = options;
    this.timing = timing;
    this.watchList = watchList;
    this.protobuf = protobuf;
    this.compressLists = compressLists;
    this.name = cluster.name;
    this.kubeConfig = kubeConfigFor(cluster);
  }

  /** A started cache of `kind` objects; call {@link ClusterWatches.release} when done. */
  acquire<K extends WatchedKind>(
    kind: K,
    namespace?: string,
    labelSelector?: string,
  ): WatchCache<WatchedKinds[K]> {
    const key = JSON.stringify([
      kind,
      namespace ?? null,
      labelSelector ?? null,
    ]);
    const shared = this.caches.get(key);
    if (shared) {
      shared.refs++;
      return shared.value;
    }
    const cache = this.createCache(kind, namespace, labelSelector);
    this.caches.set(key, { value: cache, refs: 1 });
    cache.start();
    return cache;
  }

  /** Releases a cache from {@link ClusterWatches.acquire}. */
  release(cache: WatchCache<any>): void {
    for (const [key, shared] of this.caches) {
      if (shared.value === cache) {
        if (--shared.refs === 0) {
          this.caches.delete(key);
          cache.stop();
          this.logger.info(`Stopped watching ${cache.description}`);
        }
        return;
      }
    }
  }

  /** The shared group of DaemonSets matching `labelSelector` (in `namespace`, or all). */
  acquireGroup(
    namespace: string | undefined,
    labelSelector: string,
  ): DaemonSetGroup {
    const key = JSON.stringify([namespace ?? null, labelSelector]);
    const shared = this.groups.get(key);
    if (shared) {
      shared.refs++;
      return shared.value;
    }
    const group = new DaemonSetGroup(this, namespace, labelSelector);
    this.groups.set(key, { value: group, refs: 1 });
    group.start();
    return group;
  }

  /** Releases a group from {@link ClusterWatches.acquireGroup}. */
  releaseGroup(group: DaemonSetGroup): void {
    for (const [key, shared] of this.groups) {
      if (shared.value === group) {
        if (--shared.refs === 0) {
          this.groups.delete(key);
          group.stop();
        }
        return;
      }
    }
  }

  /**
   * Opens the cluster's node cache and keeps it open until {@link ClusterWatches.stopAll}, so that
   * views and the wizard find the nodes listed already; idempotent.
   */
  holdNodes(): void {
    this.heldNodes ??= this.acquire('nodes');
  }

  /**
   * Opens a cache of every DaemonSet pod of the cluster (pods labelled
   * `controller-revision-hash`, all namespaces) and keeps it open until
   * {@link ClusterWatches.stopAll}: a pod cache opened later whose selector requires that label
   * takes its first list from it, at its resource version, instead of asking the API server, so
   * that a first status waits only for its DaemonSets and revisions; idempotent.
   */
  holdDaemonSetPods(): void {
    this.heldPods ??= this.acquire('pods', undefined, DAEMONSET_POD_LABEL);
  }

  /** How collections are read now: for tests and diagnostics. */
  get readsWith(): 'watchList' | 'list' {
    return this.watchList && this.watchListOffered ? 'watchList' : 'list';
  }

  /** How many caches are open: for tests and diagnostics. */
  get openWatches(): number {
    return this.caches.size;
  }

  /** Stops everything, e.g. on shutdown. */
  stopAll(): void {
    for (const { value } of this.groups.values()) value.stop();
    for (const { value } of this.caches.values()) value.stop();
    this.groups.clear();
    this.caches.clear();
    this.heldNodes = undefined;
    this.heldPods = undefined;
  }

  private createCache<K extends WatchedKind>(
    kind: K,
    namespace: string | undefined,
    labelSelector: string | undefined,
  ): WatchCache<WatchedKinds[K]> {
    const where = namespace ? `namespace ${namespace}` : 'all namespaces';
    const selected = labelSelector ? ` (${labelSelector})` : '';
    const description =
      kind === 'nodes'
        ? `nodes of cluster ${this.name}`
        : `${kind}${selected} in ${where} of cluster ${this.name}`;
    const path = this.pathOf(kind, namespace);
    const trim = KEPT[kind]?.trim as Trim<WatchedKinds[K]> | undefined;
    let listedBefore = false;
    return new WatchCache<WatchedKinds[K]>({
      kubeConfig: this.kubeConfig,
      path,
      labelSelector,
      list: async signal => {
        // Only the first list: a later one follows a 410 Gone, which the held version may share.
        const first = !listedBefore;
        listedBefore = true;
        const held =
          kind === 'pods' && first
            ? await this.listFromHeldPods(namespace, labelSelector, description)
            : undefined;
        return (
          (held as KubernetesListObject<WatchedKinds[K]> | undefined) ??
          this.read(path, labelSelector, signal, trim, kind)
        );
      },
      trim,
      description,
      logger: this.logger,
      timing: this.timing,
    });
  }

  /**
   * The first list of a pod cache from the held DaemonSet pods, when they can serve it; waits for
   * their first list while it is in flight (right after start-up: one list of the pods, not two).
   */
  private async listFromHeldPods(
    namespace: string | undefined,
    labelSelector: string | undefined,
    description: string,
  ): Promise<KubernetesListObject<V1Pod> | undefined> {
    const held = this.heldPods;
    if (!held || !labelSelector || !requiresDaemonSetPods(labelSelector)) {
      return undefined;
    }
    await held.whenFirstListDecided(
      this.timing.listTimeoutMs ?? DEFAULT_WATCH_TIMING.listTimeoutMs,
    );
    if (!held.synced || held.connection.state !== 'connected') {
      return undefined;
    }
    const list = listFromHeldPods(held, namespace, labelSelector);
    if (list) {
      this.logger.debug(
        `Read ${description} from the cluster's DaemonSet pods at resourceVersion ${list.metadata?.resourceVersion}`,
      );
    }
    return list;
  }

  /**
   * Reads a collection once: as a WatchList where offered, else as a LIST, objects cut down by
   * `trim`.
   */
  private async read<T extends WatchedKinds[WatchedKind]>(
    path: string,
    labelSelector: string | undefined,
    signal: AbortSignal,
    trim: Trim<T> | undefined,
    kind: WatchedKind,
  ): Promise<KubernetesListObject<T>> {
    const protobuf = this.protobuf ? KEPT[kind]?.decoder : undefined;
    if (this.watchList && this.watchListOffered) {
      try {
        return await watchListCollection<T>(this.kubeConfig, path, {
          labelSelector,
          signal,
          trim,
          protobuf,
        });
      } catch (error) {
        if (error instanceof WatchListInterruptedError) {
          this.logger.debug(
            `Cluster ${this.name} ended a WatchList of ${path} early; listing it this time`,
          );
        } else if (error instanceof WatchListUnsupportedError) {
          this.watchListOffered = false;
          this.logger.info(
            `Cluster ${this.name} does not stream initial events (WatchList); listing instead`,
          );
        } else {
          throw error;
        }
      }
    }
    // Plain objects like the watch events that follow (decoded from protobuf, or parsed JSON), not
    // client-node's typed API clients: their ObjectSerializer (model classes, Dates) doubled the
    // time of a 1000-pod list and retained 20-30% more heap (bench/scripts/listTiming.ts).
    return listCollection<T>(this.kubeConfig, path, {
      labelSelector,
      signal,
      trim,
      protobuf,
      compressed: this.compressLists,
    });
  }

  private pathOf(kind: WatchedKind, namespace: string | undefined): string {
    const group =
      kind === 'nodes' || kind === 'pods' ? '/api/v1' : '/apis/apps/v1';
    if (kind === 'nodes') {
      return `${group}/nodes`;
    }
    return namespace
      ? `${group}/namespaces/${encodeURIComponent(namespace)}/${kind}`
      : `${group}/${kind}`;
  }
}
