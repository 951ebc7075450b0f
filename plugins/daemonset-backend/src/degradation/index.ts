import {
  AuthService,
  DatabaseService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { migrateApprovalsUp } from '../approvals/migrations';
import { StatusViews } from '../watch/StatusViews';
import { DegradationMonitor } from './DegradationMonitor';
import { DegradationNotifier } from './DegradationNotifier';
import { DegradationStore } from './DegradationStore';
import { readDegradationOptions } from './readDegradationOptions';

export { DegradationMonitor } from './DegradationMonitor';
export type { EvaluationResult } from './DegradationMonitor';

/**
 * Starts the degradation monitor when `daemonset.notifications.degraded.enabled` is true: a
 * task on every instance (`scope: 'local'`), as each instance's own clock measures the grace
 * period and the database decides who notifies. Resolves with the monitor, or undefined when
 * the notifications are off.
 *
 * @internal
 */
export async function startDegradationMonitoring(deps: {
  config: Config;
  database: DatabaseService;
  scheduler: SchedulerService;
  catalog: CatalogService;
  auth: AuthService;
  views: StatusViews;
  clusterNames: string[];
  notifications: NotificationService;
  logger: LoggerService;
  initialListTimeoutMs: number;
}): Promise<DegradationMonitor | undefined> {
  const options = readDegradationOptions(deps.config);
  if (!options.enabled) return undefined;
  const knex = await deps.database.getClient();
  if (!deps.database.migrations?.skip) {
    // The plugin's one migrations folder; already current when the approvals ran it.
    await migrateApprovalsUp(knex);
  }
  const monitor = new DegradationMonitor({
    catalog: deps.catalog,
    auth: deps.auth,
    views: deps.views,
    clusterNames: deps.clusterNames,
    store: new DegradationStore(knex),
    notifier: new DegradationNotifier(deps.notifications, deps.logger),
    logger: deps.logger,
    options,
    initialListTimeoutMs: deps.initialListTimeoutMs,
  });
  await deps.scheduler.scheduleTask({
    id: 'daemonset-degradation-monitor',
    scope: 'local',
    frequency: { milliseconds: options.intervalMs },
    timeout: { milliseconds: Math.max(options.intervalMs * 5, 60_000) },
    initialDelay: { milliseconds: Math.min(options.intervalMs, 10_000) },
    fn: async () => {
      await monitor.evaluateOnce();
    },
  });
  deps.logger.info(
    `Degradation notifications on: below ${
      options.readyShare * 100
    }% ready or a node failing for ${Math.round(
      options.gracePeriodMs / 1000,
    )}s`,
  );
  return monitor;
}
