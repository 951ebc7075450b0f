import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  ApprovalPolicy,
  ClusterStatus,
  DaemonSetStatusReport,
  NodeRow,
} from '@daemonsets/plugin-daemonset-common';
import { ClusterDefinition } from '@daemonsets/plugin-daemonset-node';
import { loadEntityForStatus } from '../service/entityAccess';
import { entityWatchScope } from '../watch/scopeOfEntity';
import { StatusViews } from '../watch/StatusViews';

/** What the actions share with the routes. @internal */
export interface ActionServices {
  catalog: CatalogService;
  permissions: PermissionsService;
  views: StatusViews;
  clusters: ClusterDefinition[];
  /** How long an action waits for a cluster's first list. */
  initialListTimeoutMs: number;
  /** The effective approval policy, as the wizard uses it. */
  policy: ApprovalPolicy;
}

/** The zod that the actions registry hands to an action's schema. */
type ActionZod = Parameters<
  Parameters<ActionsRegistryService['register']>[0]['schema']['input']
>[0];

/**
 * The input fields of the actions about one node of an entity's DaemonSets: the entity, the
 * node and, optionally, one cluster.
 *
 * @internal
 */
export function nodeQuestionInput(z: ActionZod) {
  return {
    entityRef: z
      .string()
      .min(1)
      .describe('The entity, e.g. component:default/node-agent'),
    node: z.string().min(1).describe('The node name'),
    cluster: z
      .string()
      .optional()
      .describe('Only this configured cluster (default: every cluster)'),
  };
}

/** Reads the `entityRef` input of an action (kind defaults to Component). @internal */
export function parseEntityRefInput(text: string): CompoundEntityRef {
  try {
    return parseEntityRef(text, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `entityRef '${text}' is not an entity reference such as component:default/node-agent: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * The live status of an entity's DaemonSets, with the route's checks: the entity is read with
 * the caller's credentials (catalog rules apply), then `daemonset.status.read` is checked.
 *
 * @throws NotFoundError, NotAllowedError, InputError
 * @internal
 */
export async function readEntityStatus(
  services: ActionServices,
  entityRef: string,
  credentials: BackstageCredentials,
): Promise<{ entity: Entity; clusters: readonly ClusterStatus[] }> {
  const entity = await loadEntityForStatus({
    ref: parseEntityRefInput(entityRef),
    credentials,
    catalog: services.catalog,
    permissions: services.permissions,
  });
  const view = services.views.viewOf(
    entityWatchScope(
      entity,
      services.clusters.map(c => c.name),
    ),
  );
  await view.ready(services.initialListTimeoutMs);
  return { entity, clusters: view.current().clusters };
}

/** One DaemonSet's row for one node. @internal */
export interface NodeRowMatch {
  cluster: string;
  report: DaemonSetStatusReport;
  row: NodeRow;
}

/**
 * The rows of `node` in every DaemonSet of the status (of `cluster` only, when given).
 *
 * @throws NotFoundError naming the node when no DaemonSet of the entity has a row for it.
 * @internal
 */
export function rowsOfNode(
  clusters: readonly ClusterStatus[],
  node: string,
  cluster?: string,
): NodeRowMatch[] {
  const matches: NodeRowMatch[] = [];
  for (const c of clusters) {
    if (cluster !== undefined && c.cluster !== cluster) continue;
    for (const report of c.daemonSets) {
      const row = report.nodes.find(r => r.node.name === node);
      if (row) matches.push({ cluster: c.cluster, report, row });
    }
  }
  if (matches.length === 0) {
    const where =
      cluster !== undefined ? `cluster '${cluster}'` : 'any cluster';
    throw new NotFoundError(
      `node '${node}' has no row in the DaemonSets of this entity in ${where}: it does not exist there, or the entity has no DaemonSet`,
    );
  }
  return matches;
}
