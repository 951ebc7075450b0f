import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ClusterDefinition,
  kubeConfigFor,
  readClusterDefinitions,
} from '@daemonsets/plugin-daemonset-node';
import { readPluginOptions } from '../config/readPluginOptions';
import { KubernetesListObject } from '@kubernetes/client-node';
import { DaemonSetGroup } from './DaemonSetGroup';
import { listCollection } from './listCollection';
import { WatchCache, WatchTiming } from './WatchCache';
import { WatchedKind, WatchedKinds, WatchSource } from './WatchSource';

export type { WatchedKind, WatchedKinds } from './WatchSource';

interface Shared<V> {
  value: V;
  refs: number;
}

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

  /**
   * The watches of every configured cluster (`daemonset.clusters`), by cluster name, with the
   * stall and server-side timeouts of `daemonset.watchStallTimeout` and `daemonset.watchTimeout`.
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
        }),
      ]),
    );
  }

  constructor(
    cluster: ClusterDefinition,
    private readonly logger: LoggerService,
    private readonly timing: Partial<WatchTiming> = {},
  ) {
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
    const kubeConfig = this.kubeConfig;
    return new WatchCache<WatchedKinds[K]>({
      kubeConfig,
      path,
      labelSelector,
      // Plain JSON like the watch events that follow, not client-node's typed API clients: their
      // ObjectSerializer (model classes, Dates) doubled the time of a 1000-pod list and retained
      // 20-30% more heap (bench/scripts/listTiming.ts).
      list: (signal): Promise<KubernetesListObject<WatchedKinds[K]>> =>
        listCollection(kubeConfig, path, { labelSelector, signal }),
      description,
      logger: this.logger,
      timing: this.timing,
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
