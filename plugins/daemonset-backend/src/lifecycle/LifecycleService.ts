import {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  ApprovalPolicy,
  daemonSetDeletePermission,
  DaemonSetChangeOutcome,
  DaemonSetDecommissionOutcome,
  DaemonSetLifecycleState,
  daemonSetUpdatePermission,
} from '@daemonsets/plugin-daemonset-common';
import {
  buildDaemonSetManifests,
  daemonSetInputFromManifests,
  evaluateManifestPolicy,
  withKeptFields,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  ClusterDefinition,
  ManifestObject,
} from '@daemonsets/plugin-daemonset-node';
import { Request } from 'express';
import { stringify } from 'yaml';
import { UserCredentials } from '../approvals/approvalAccess';
import { ApprovalService } from '../approvals/ApprovalService';
import {
  authorizeOnEntity,
  loadEntityForStatus,
} from '../service/entityAccess';
import { entityWatchScope } from '../watch/scopeOfEntity';
import { createLifecycleCluster, LifecycleCluster } from './lifecycleCluster';
import { parseDecommissionInput, parseRollbackInput } from './lifecycleInput';
import { daemonSetAtRevision, KubeJson, revisionsOf } from './revisions';

/** @internal */
export interface LifecycleServiceOptions {
  clusters: ClusterDefinition[];
  catalog: CatalogService;
  permissions: PermissionsService;
  auditor: AuditorService;
  approvals: Pick<ApprovalService, 'createRequest'>;
  policy: () => ApprovalPolicy;
  /** Cluster access; the configured service account's by default. */
  clusterFor?: (cluster: ClusterDefinition) => LifecycleCluster;
}

interface Target {
  entityRef: string;
  cluster: LifecycleCluster;
  daemonSet: KubeJson;
  namespace: string;
  name: string;
  generation: number;
}

function toYaml(objects: ReadonlyArray<unknown>): string {
  return objects
    .map(
      o =>
        `---\n${stringify(o, { aliasDuplicateObjects: false, lineWidth: 0 })}`,
    )
    .join('');
}

/**
 * Changes what an entity's DaemonSet runs after creation: the state an edit opens with, rollback
 * to an earlier revision and decommission. Every change is checked against the caller's
 * permission on the entity, the base revision and the approval policy, and audited.
 *
 * @internal
 */
export class LifecycleService {
  private readonly clusters = new Map<string, LifecycleCluster>();

  constructor(private readonly options: LifecycleServiceOptions) {}

  private clusterNamed(name: string): LifecycleCluster {
    let cluster = this.clusters.get(name);
    if (!cluster) {
      const definition = this.options.clusters.find(c => c.name === name)!;
      cluster = (this.options.clusterFor ?? createLifecycleCluster)(definition);
      this.clusters.set(name, cluster);
    }
    return cluster;
  }

  /** Loads the entity as the caller and checks a permission on it; 404 before 403. */
  private async authorize(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
  ) {
    const entity = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`Entity ${stringifyEntityRef(ref)} not found`);
    }
    await authorizeOnEntity(
      this.options.permissions,
      credentials,
      permission,
      entity,
    );
    return entity;
  }

  private async locate(
    entity: Parameters<typeof entityWatchScope>[0],
  ): Promise<Target> {
    const scope = entityWatchScope(
      entity,
      this.options.clusters.map(c => c.name),
    );
    const found: Array<{ cluster: LifecycleCluster; daemonSet: KubeJson }> = [];
    for (const name of scope.clusters) {
      const cluster = this.clusterNamed(name);
      for (const daemonSet of await cluster.findDaemonSets(
        scope.labelSelector,
        scope.namespace,
      )) {
        found.push({ cluster, daemonSet });
      }
    }
    const entityRef = stringifyEntityRef(entity);
    if (found.length === 0) {
      throw new NotFoundError(`Entity ${entityRef} has no DaemonSet running`);
    }
    if (found.length > 1) {
      throw new InputError(
        `Entity ${entityRef} owns ${found.length} DaemonSets (${found
          .map(
            f =>
              `${f.cluster.name}:${f.daemonSet.metadata.namespace}/${f.daemonSet.metadata.name}`,
          )
          .join(', ')}); edit, rollback and decommission need exactly one`,
      );
    }
    const [{ cluster, daemonSet }] = found;
    return {
      entityRef,
      cluster,
      daemonSet,
      namespace: daemonSet.metadata.namespace,
      name: daemonSet.metadata.name,
      generation: daemonSet.metadata.generation,
    };
  }

  private assertBase(target: Target, baseRevision: number): void {
    if (target.generation !== baseRevision) {
      throw new ConflictError(
        `baseRevision: DaemonSet ${target.namespace}/${target.name} in cluster ${target.cluster.name} was changed since this was opened (based on revision ${baseRevision}, the DaemonSet is at revision ${target.generation}). Nothing was changed; reload to start from what runs now.`,
      );
    }
  }

  /** What an edit, a rollback and a decommission start from; `GET .../lifecycle`. */
  async state(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<DaemonSetLifecycleState> {
    const entity = await loadEntityForStatus({
      ref,
      credentials,
      catalog: this.options.catalog,
      permissions: this.options.permissions,
    });
    const target = await this.locate(entity);
    const services = await target.cluster.servicesOf(target.daemonSet);
    const mapped = daemonSetInputFromManifests(target.daemonSet, services);
    const revisions = revisionsOf(
      target.daemonSet,
      await target.cluster.controllerRevisions(target.namespace),
    );
    return {
      cluster: target.cluster.name,
      namespace: target.namespace,
      name: target.name,
      baseRevision: target.generation,
      nodeCount: target.daemonSet.status?.desiredNumberScheduled ?? 0,
      services: services.map(s => s.metadata.name),
      ...mapped,
      revisions,
      template: target.daemonSet.spec?.template ?? {},
    };
  }

  /** Rolls back to an earlier revision, through the policy and approval; `POST .../rollback`. */
  async rollback(
    ref: CompoundEntityRef,
    body: unknown,
    credentials: UserCredentials,
    req?: Request,
  ): Promise<DaemonSetChangeOutcome> {
    const audit = await this.options.auditor.createEvent({
      eventId: 'daemonset-rollback',
      severityLevel: 'high',
      request: req,
      meta: { entityRef: stringifyEntityRef(ref) },
    });
    try {
      const input = parseRollbackInput(body);
      const entity = await this.authorize(
        ref,
        credentials,
        daemonSetUpdatePermission,
      );
      const target = await this.locate(entity);
      this.assertBase(target, input.baseRevision);
      const revisions = revisionsOf(
        target.daemonSet,
        await target.cluster.controllerRevisions(target.namespace),
      );
      const revision = revisions.find(r => r.revision === input.revision);
      if (!revision) {
        throw new InputError(
          `revision: DaemonSet ${target.namespace}/${
            target.name
          } has no revision ${input.revision}; it has ${
            revisions.map(r => r.revision).join(', ') || 'none'
          }`,
        );
      }
      if (revision.current) {
        throw new InputError(
          `revision: ${input.revision} is the revision that runs now; nothing to roll back`,
        );
      }
      const objects = await this.objectsAt(target, revision);
      const outcome = await this.applyOrRequest(
        target,
        objects,
        credentials,
        req,
      );
      const result = {
        ...outcome,
        revision: input.revision,
      } as DaemonSetChangeOutcome;
      await audit.success({
        meta: {
          cluster: target.cluster.name,
          namespace: target.namespace,
          name: target.name,
          fromGeneration: target.generation,
          toRevision: input.revision,
          outcome: result.outcome,
        },
      });
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /** The objects a rollback applies: the revision mapped through the wizard, kept fields kept. */
  private async objectsAt(
    target: Target,
    revision: DaemonSetLifecycleState['revisions'][number],
  ): Promise<ManifestObject[]> {
    const services = await target.cluster.servicesOf(target.daemonSet);
    const mapped = daemonSetInputFromManifests(
      daemonSetAtRevision(target.daemonSet, revision),
      services,
    );
    if (mapped.problems.length > 0) {
      throw new InputError(
        `revision: ${
          revision.revision
        } breaks the wizard's rules: ${mapped.problems
          .map(p => (p.path ? `${p.path}: ${p.message}` : p.message))
          .join('; ')}`,
      );
    }
    const built = buildDaemonSetManifests(mapped.input, this.options.policy());
    return withKeptFields(
      built.objects,
      mapped.keptFields,
    ) as unknown as ManifestObject[];
  }

  private async applyOrRequest(
    target: Target,
    objects: ManifestObject[],
    credentials: UserCredentials,
    req?: Request,
  ): Promise<
    | { outcome: 'applied'; generation?: number }
    | { outcome: 'approvalRequired'; requestId: string; reasons: string[] }
  > {
    const policy = evaluateManifestPolicy(objects, this.options.policy());
    if (policy.denied.length > 0) {
      throw new NotAllowedError(
        `Denied by the platform policy: ${policy.denied
          .map(f => f.message)
          .join('; ')}`,
      );
    }
    if (policy.approvalReasons.length > 0) {
      const request = await this.options.approvals.createRequest(
        {
          cluster: target.cluster.name,
          namespace: target.namespace,
          name: target.name,
          entityRef: target.entityRef,
          // Checked again when the approved rollback is applied.
          baseRevision: target.generation,
          manifest: toYaml(objects),
        },
        credentials,
        req,
      );
      return {
        outcome: 'approvalRequired',
        requestId: request.id,
        reasons: request.reasons,
      };
    }
    await target.cluster.assertBaseRevision(
      target.namespace,
      target.name,
      target.generation,
    );
    const generation = await target.cluster.apply(objects);
    return { outcome: 'applied', generation };
  }

  /** Deletes the DaemonSet and its Services; `POST .../decommission`. */
  async decommission(
    ref: CompoundEntityRef,
    body: unknown,
    credentials: BackstageCredentials,
    req?: Request,
  ): Promise<DaemonSetDecommissionOutcome> {
    const audit = await this.options.auditor.createEvent({
      eventId: 'daemonset-decommission',
      severityLevel: 'high',
      request: req,
      meta: { entityRef: stringifyEntityRef(ref) },
    });
    try {
      const input = parseDecommissionInput(body);
      const entity = await this.authorize(
        ref,
        credentials,
        daemonSetDeletePermission,
      );
      const target = await this.locate(entity);
      if (input.confirm !== target.name) {
        throw new InputError(
          `confirm: must be the DaemonSet's name '${target.name}' typed exactly (got '${input.confirm}')`,
        );
      }
      this.assertBase(target, input.baseRevision);
      const services = await target.cluster.servicesOf(target.daemonSet);
      await target.cluster.delete('DaemonSet', target.namespace, target.name);
      for (const service of services) {
        await target.cluster.delete(
          'Service',
          target.namespace,
          service.metadata.name,
        );
      }
      const result: DaemonSetDecommissionOutcome = {
        cluster: target.cluster.name,
        namespace: target.namespace,
        daemonSet: target.name,
        services: services.map(s => s.metadata.name),
      };
      await audit.success({
        meta: { ...result, generation: target.generation },
      });
      return result;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }
}
