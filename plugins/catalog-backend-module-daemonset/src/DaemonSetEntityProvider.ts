import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { daemonSetEntityRef } from '@daemonsets/plugin-daemonset-common';
import {
  ClusterDefinition,
  DaemonSetWatch,
  kubeConfigFor,
  listDaemonSets,
} from '@daemonsets/plugin-daemonset-node';
import type { KubeConfig, V1DaemonSet } from '@kubernetes/client-node';
import { daemonSetEntity, providerLocation } from './daemonSetEntity';
import { describeFailure } from './describeFailure';
import { ProviderOptions } from './providerOptions';

/** What a {@link DaemonSetEntityProvider} needs. @public */
export interface DaemonSetEntityProviderOptions {
  cluster: ClusterDefinition;
  options: ProviderOptions;
  logger: LoggerService;
  scheduler: SchedulerService;
}

const LIST_TIMEOUT_MS = 30_000;

/**
 * Ingests the DaemonSets of one cluster as Components: a full mutation on a schedule (one
 * backend instance at a time) and after every (re-)list of its watch, and a delta mutation for
 * each change the watch sees. When the cluster cannot be read, no mutation is made, so its
 * entities stay as last read.
 *
 * @public
 */
export class DaemonSetEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  private readonly kubeConfig: KubeConfig;
  private readonly logger: LoggerService;
  private watch?: DaemonSetWatch;
  private watchFailing = false;

  constructor(private readonly deps: DaemonSetEntityProviderOptions) {
    this.kubeConfig = kubeConfigFor(deps.cluster);
    this.logger = deps.logger.child({ cluster: deps.cluster.name });
  }

  /** `daemonset:<cluster>`: one provider per cluster, so a cluster's entities are replaced alone. */
  getProviderName(): string {
    return providerLocation(this.deps.cluster.name);
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.deps.scheduler.scheduleTask({
      ...this.deps.options.schedule,
      id: `${this.getProviderName()}:refresh`,
      // One instance at a time, whatever the configured schedule says.
      scope: 'global',
      fn: async () => {
        await this.refresh();
      },
    });
    if (this.deps.options.watch) {
      this.watch = new DaemonSetWatch({
        kubeConfig: this.kubeConfig,
        handlers: {
          synced: items => {
            this.watchRecovered();
            return this.applyFull(items, 'watch list');
          },
          upserted: item => this.applyUpsert(item),
          deleted: item => this.applyDelete(item),
          failed: (error, retryInMs) => this.watchFailed(error, retryInMs),
        },
      });
      this.watch.start();
    }
  }

  /** Stops the watch. */
  async stop(): Promise<void> {
    await this.watch?.stop();
  }

  /**
   * Lists the cluster's DaemonSets and replaces its entities with them. Logs and keeps the
   * entities when the cluster cannot be read.
   *
   * @returns whether the cluster was read.
   */
  async refresh(): Promise<boolean> {
    this.logger.debug(
      `scheduled scan of cluster ${this.deps.cluster.name} started`,
    );
    let items: V1DaemonSet[];
    try {
      ({ items } = await listDaemonSets(
        this.kubeConfig,
        {},
        AbortSignal.timeout(LIST_TIMEOUT_MS),
      ));
    } catch (error) {
      this.logger.warn(
        `Cluster ${this.deps.cluster.name} could not be read (${describeFailure(
          error,
        )}): its DaemonSet entities are kept as last read`,
      );
      return false;
    }
    await this.applyFull(items, 'scheduled scan');
    return true;
  }

  private get conn(): EntityProviderConnection {
    if (!this.connection) throw new Error('provider is not connected');
    return this.connection;
  }

  private async applyFull(items: V1DaemonSet[], trigger: string) {
    const entities = items.flatMap(item => {
      const mapped = daemonSetEntity(
        item,
        this.deps.cluster,
        this.deps.options,
      );
      if (!mapped.entity) {
        this.logger.debug(
          `DaemonSet ${item.metadata?.namespace}/${item.metadata?.name} not ingested: ${mapped.skipped}`,
        );
        return [];
      }
      return [{ entity: mapped.entity, locationKey: this.getProviderName() }];
    });
    await this.conn.applyMutation({ type: 'full', entities });
    this.logger.info(
      `${trigger}: ${entities.length} of ${items.length} DaemonSets of cluster ${this.deps.cluster.name} in the catalog`,
    );
  }

  private async applyUpsert(item: V1DaemonSet) {
    this.watchRecovered();
    const mapped = daemonSetEntity(item, this.deps.cluster, this.deps.options);
    if (mapped.entity) {
      await this.conn.applyMutation({
        type: 'delta',
        added: [{ entity: mapped.entity, locationKey: this.getProviderName() }],
        removed: [],
      });
    } else {
      // It may have lost its ownership annotation since it was ingested.
      await this.applyDelete(item);
    }
  }

  private async applyDelete(item: V1DaemonSet) {
    const { name, namespace } = item.metadata ?? {};
    if (!name || !namespace) return;
    const entityRef = daemonSetEntityRef({
      cluster: this.deps.cluster.name,
      namespace,
      name,
    });
    await this.conn.applyMutation({
      type: 'delta',
      added: [],
      removed: [{ entityRef, locationKey: this.getProviderName() }],
    });
  }

  private watchFailed(error: Error, retryInMs: number) {
    if (!this.watchFailing) {
      this.logger.warn(
        `Watch of the DaemonSets of cluster ${
          this.deps.cluster.name
        } failed (${describeFailure(error)}); retrying every ${Math.round(
          retryInMs / 1000,
        )} s or more, entities kept as last read`,
      );
    }
    this.watchFailing = true;
  }

  private watchRecovered() {
    if (this.watchFailing) {
      this.watchFailing = false;
      this.logger.info(
        `Watch of the DaemonSets of cluster ${this.deps.cluster.name} is back`,
      );
    }
  }
}
