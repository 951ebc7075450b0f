import {
  AuthService,
  DatabaseService,
  LifecycleService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { migrateApprovalsUp } from '../approvals/migrations';
import { StatusViews } from '../watch/StatusViews';
import { prewarmViews } from './prewarmViews';
import { readPrewarmOptions } from './readPrewarmOptions';
import { RecentOpenings } from './RecentOpenings';

export { RecentOpenings } from './RecentOpenings';

/**
 * Sets up the pre-warm when `daemonset.prewarm.enabled` is true: returns the recorder of users'
 * openings, and once the backend has started opens (and pins) the views of the
 * `daemonset.prewarm.maxEntities` most recently opened entities. Resolves undefined when off.
 *
 * @internal
 */
export async function startPrewarm(deps: {
  config: Config;
  database: DatabaseService;
  lifecycle: LifecycleService;
  catalog: CatalogService;
  auth: AuthService;
  views: StatusViews;
  clusterNames: string[];
  logger: LoggerService;
  initialListTimeoutMs: number;
}): Promise<RecentOpenings | undefined> {
  const options = readPrewarmOptions(deps.config);
  if (!options.enabled) return undefined;
  const knex = await deps.database.getClient();
  if (!deps.database.migrations?.skip) {
    // The plugin's one migrations folder; already current when the approvals ran it.
    await migrateApprovalsUp(knex);
  }
  const recent = new RecentOpenings(knex, deps.logger);
  deps.lifecycle.addStartupHook(() => {
    // Not awaited: the backend serves meanwhile; a request for a view being warmed shares it.
    prewarmViews({
      ...deps,
      recent,
      maxEntities: options.maxEntities,
    }).catch(error =>
      deps.logger.error(
        'Could not pre-warm DaemonSet status views',
        error instanceof Error ? error : new Error(String(error)),
      ),
    );
  });
  return recent;
}
