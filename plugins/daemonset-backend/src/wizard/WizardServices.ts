import { Config } from '@backstage/config';
import {
  ClusterDefinition,
  kubeConfigFor,
  readClusterDefinitions,
} from '@daemonsets/plugin-daemonset-node';
import type { KubeConfig } from '@kubernetes/client-node';
import { readPluginOptions } from '../config/readPluginOptions';
import { ClusterWatches } from '../watch/ClusterWatches';
import { ClusterProbe, ProbeTiming } from './clusterProbe';
import { PlacementNodes } from './PlacementNodes';

/** Options of {@link WizardServices}. @internal */
export interface WizardServicesOptions {
  clusters: ClusterDefinition[];
  /** The clusters' shared watches (the entity tab's), for the placement preview's nodes. */
  watches: ReadonlyMap<string, ClusterWatches>;
  /** The node cache is released after this long without a placement preview. */
  idleTimeoutMs: number;
  /** A first placement preview waits at most this long for the cluster's node list. */
  initialListTimeoutMs: number;
  probe?: Partial<ProbeTiming>;
}

/**
 * The per-cluster state the wizard routes keep: kubeconfigs, the cached reachability checks
 * and the node caches held for placement previews.
 *
 * @internal
 */
export class WizardServices {
  readonly probe: ClusterProbe;
  readonly nodes: PlacementNodes;
  private readonly kubeConfigs: Map<string, KubeConfig>;

  /** The wizard's state for every configured cluster, sharing the entity tab's `watches`. */
  static fromConfig(
    config: Config,
    deps: { watches: ReadonlyMap<string, ClusterWatches> },
  ): WizardServices {
    const options = readPluginOptions(config);
    return new WizardServices({
      clusters: readClusterDefinitions(config),
      watches: deps.watches,
      idleTimeoutMs: options.watchIdleTimeoutMs,
      initialListTimeoutMs: options.initialListTimeoutMs,
    });
  }

  constructor(options: WizardServicesOptions) {
    this.kubeConfigs = new Map(
      options.clusters.map(c => [c.name, kubeConfigFor(c)]),
    );
    this.probe = new ClusterProbe(this.kubeConfigs, options.probe);
    this.nodes = new PlacementNodes({
      clusters: options.watches,
      idleTimeoutMs: options.idleTimeoutMs,
      syncTimeoutMs: options.initialListTimeoutMs,
    });
  }

  /** The kubeconfig of a configured cluster. */
  kubeConfigOf(cluster: string): KubeConfig {
    const kubeConfig = this.kubeConfigs.get(cluster);
    if (!kubeConfig) {
      throw new Error(`cluster ${cluster} is not configured`);
    }
    return kubeConfig;
  }

  /** Releases the held node caches. */
  close(): void {
    this.nodes.close();
  }
}
