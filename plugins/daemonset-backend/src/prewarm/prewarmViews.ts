import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KUBERNETES_ANNOTATIONS } from '@daemonsets/plugin-daemonset-common';
import { entityWatchScope } from '../watch/scopeOfEntity';
import { StatusViews } from '../watch/StatusViews';
import { RecentOpenings } from './RecentOpenings';

/** What a pre-warm opened. @internal */
export interface PrewarmResult {
  /** Where the entities came from. */
  source: 'recently opened' | 'catalog';
  /** Refs of the entities whose views were opened and pinned. */
  opened: string[];
  /** Heap used after the views' first lists and snapshots, in bytes. */
  heapUsed: number;
  /** Heap used grew by this much meanwhile, in bytes (other work included). */
  heapGrowth: number;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1);

/**
 * Opens and pins the status views of at most `maxEntities` entities: the most recently opened
 * ones (`RecentOpenings`), or when none is recorded the catalogued entities with the Kubernetes
 * annotations; waits for their first lists (at most `initialListTimeoutMs`), builds their
 * snapshots so the first request is answered from memory, and logs the count and heap.
 *
 * @internal
 */
export async function prewarmViews(deps: {
  catalog: CatalogService;
  auth: AuthService;
  views: StatusViews;
  recent: RecentOpenings;
  clusterNames: string[];
  logger: LoggerService;
  maxEntities: number;
  initialListTimeoutMs: number;
}): Promise<PrewarmResult> {
  const started = Date.now();
  const heapBefore = process.memoryUsage().heapUsed;
  const credentials = await deps.auth.getOwnServiceCredentials();
  const refs = await deps.recent.recent(deps.maxEntities);
  let entities: Entity[];
  let source: PrewarmResult['source'];
  if (refs.length > 0) {
    source = 'recently opened';
    const { items } = await deps.catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    entities = items.filter((e): e is Entity => e !== undefined);
  } else {
    source = 'catalog';
    const { items } = await deps.catalog.getEntities(
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
        limit: deps.maxEntities,
      },
      { credentials },
    );
    entities = items.slice(0, deps.maxEntities);
  }

  const opened = [];
  for (const entity of entities) {
    try {
      const view = deps.views.viewOf(
        entityWatchScope(entity, deps.clusterNames),
        { pin: true },
      );
      opened.push(view);
    } catch (error) {
      deps.logger.warn(
        `Not pre-warming ${stringifyEntityRef(entity)}: ${
          (error as Error).message
        }`,
      );
    }
  }
  await Promise.all(opened.map(v => v.ready(deps.initialListTimeoutMs)));
  for (const view of opened) view.current();

  const heapUsed = process.memoryUsage().heapUsed;
  const result: PrewarmResult = {
    source,
    opened: opened.map(v => v.scope.entityRef),
    heapUsed,
    heapGrowth: heapUsed - heapBefore,
  };
  deps.logger.info(
    `Pre-warmed the DaemonSet status of ${
      opened.length
    } ${source} entities in ${Date.now() - started} ms; heap used ${mib(
      heapUsed,
    )} MiB (+${mib(result.heapGrowth)} MiB meanwhile)`,
  );
  return result;
}
