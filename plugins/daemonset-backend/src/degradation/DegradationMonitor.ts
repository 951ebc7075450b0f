import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KUBERNETES_ANNOTATIONS } from '@daemonsets/plugin-daemonset-common';
import { entityWatchScope } from '../watch/scopeOfEntity';
import { StatusViews } from '../watch/StatusViews';
import { assessDaemonSet } from './assessDaemonSet';
import { DegradationClock } from './DegradationClock';
import { DegradationNotifier } from './DegradationNotifier';
import { DaemonSetTarget, DegradationStore } from './DegradationStore';
import { DegradationOptions } from './readDegradationOptions';

/** What the monitor needs. @internal */
export interface DegradationMonitorDeps {
  catalog: CatalogService;
  auth: AuthService;
  views: StatusViews;
  clusterNames: string[];
  store: DegradationStore;
  notifier: DegradationNotifier;
  logger: LoggerService;
  options: Pick<DegradationOptions, 'readyShare' | 'gracePeriodMs'>;
  /** How long an evaluation waits for a cluster's first list. */
  initialListTimeoutMs: number;
  now?: () => number;
}

/** What one evaluation did: for tests and the log. @internal */
export interface EvaluationResult {
  daemonSets: number;
  started: DaemonSetTarget[];
  ended: DaemonSetTarget[];
}

/**
 * Watches the DaemonSets of every catalogued entity with the Kubernetes annotations, through the
 * same views as the status route, and opens and closes degradation episodes. An episode starts
 * when fewer than `readyShare` of the desired pods are ready (outside a rolling update within
 * its `maxUnavailable`) or a node is failing, either for the grace period; it ends when every
 * eligible node is ready and none fails. A cluster that is not connected is not judged.
 *
 * @internal
 */
export class DegradationMonitor {
  private readonly clock: DegradationClock;
  private readonly now: () => number;

  constructor(private readonly deps: DegradationMonitorDeps) {
    this.clock = new DegradationClock(deps.options);
    this.now = deps.now ?? Date.now;
  }

  /** Evaluates every entity once. */
  async evaluateOnce(): Promise<EvaluationResult> {
    const started = this.now();
    const result: EvaluationResult = { daemonSets: 0, started: [], ended: [] };
    for (const entity of await this.annotatedEntities()) {
      try {
        await this.evaluateEntity(entity, result);
      } catch (error) {
        this.deps.logger.warn(
          `Could not evaluate the DaemonSets of ${stringifyEntityRef(
            entity,
          )}: ${(error as Error).message}`,
        );
      }
    }
    this.clock.forgetOlderThan(started);
    return result;
  }

  private async annotatedEntities(): Promise<Entity[]> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: [
          {
            [`metadata.annotations.${KUBERNETES_ANNOTATIONS.labelSelector}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            [`metadata.annotations.${KUBERNETES_ANNOTATIONS.id}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
      },
      { credentials },
    );
    return items;
  }

  private async evaluateEntity(
    entity: Entity,
    result: EvaluationResult,
  ): Promise<void> {
    const scope = entityWatchScope(entity, this.deps.clusterNames);
    const view = this.deps.views.viewOf(scope);
    await view.ready(this.deps.initialListTimeoutMs);
    const snapshot = view.current();
    for (const cluster of snapshot.clusters) {
      if (cluster.error || cluster.connection.state !== 'connected') continue;
      for (const report of cluster.daemonSets) {
        result.daemonSets++;
        const target: DaemonSetTarget = {
          entityRef: scope.entityRef,
          cluster: cluster.cluster,
          namespace: report.daemonSet.namespace,
          name: report.daemonSet.name,
        };
        const key = JSON.stringify(target);
        const verdict = this.clock.observe(
          key,
          assessDaemonSet(report),
          this.now(),
        );
        const at = new Date(this.now());
        if (verdict.state === 'degraded') {
          const episode = await this.deps.store.startEpisode(
            target,
            verdict.reason,
            at,
          );
          if (episode !== undefined) {
            result.started.push(target);
            this.deps.logger.info(
              `Degradation episode ${episode} of ${key}: ${verdict.reason}`,
            );
            await this.deps.notifier.degraded(target, verdict.reason);
          }
        } else if (verdict.state === 'healthy') {
          const episode = await this.deps.store.endEpisode(target, at);
          if (episode !== undefined) {
            result.ended.push(target);
            this.deps.logger.info(
              `Degradation episode ${episode} of ${key} ended`,
            );
            await this.deps.notifier.recovered(target);
          }
        }
      }
    }
  }
}
