import {
  AuditorService,
  DatabaseService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  ApprovalPolicy,
  ApprovalRequest,
  DAEMONSET_APPROVAL_RESOURCE_TYPE,
  daemonSetPermissions,
} from '@daemonsets/plugin-daemonset-common';
import { evaluateManifestPolicy } from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  ClusterDefinition,
  ManifestObject,
  readApprovalConfig,
  readApprovalPolicy,
} from '@daemonsets/plugin-daemonset-node';
import { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { ApprovalApplier, createClusterApplier } from './ApprovalApplier';
import { ApprovalPermissions, UserCredentials } from './approvalAccess';
import { parseCreateInput, parseDecisionInput } from './approvalInput';
import { ApprovalNotifier } from './ApprovalNotifier';
import { ApprovalFilter, ApprovalStore } from './ApprovalStore';
import { parseRequestManifest, sha256Of } from './manifest';
import { migrateApprovalsUp } from './migrations';
import {
  approvalPermissionRules,
  daemonSetApprovalResourceRef,
} from './permissionRules';

/** What {@link ApprovalService.create} needs. @internal */
export interface ApprovalServiceOptions {
  config: Config;
  database: DatabaseService;
  logger: LoggerService;
  auditor: AuditorService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  notifications: NotificationService;
  clusters: ClusterDefinition[];
  /** Replaces the cluster client, for tests. */
  applier?: ApprovalApplier;
  /** The policy in force; read from `daemonset.policy` on every check when absent. */
  policy?: () => ApprovalPolicy;
  /** Clock, for tests. */
  now?: () => Date;
}

const ROLLOUT_TIMEOUT_SECONDS = 300;

/**
 * Approval requests: filing, reading, deciding, withdrawing, and applying approved manifests
 * exactly once across backend instances.
 *
 * @internal
 */
export class ApprovalService {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();

  static async create(
    options: ApprovalServiceOptions,
  ): Promise<ApprovalService> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await migrateApprovalsUp(knex);
    }
    options.permissionsRegistry.addResourceType({
      resourceRef: daemonSetApprovalResourceRef,
      permissions: daemonSetPermissions.filter(
        p =>
          p.type === 'resource' &&
          p.resourceType === DAEMONSET_APPROVAL_RESOURCE_TYPE,
      ),
      rules: Object.values(approvalPermissionRules),
    });
    return new ApprovalService(options, new ApprovalStore(knex));
  }

  private readonly access: ApprovalPermissions;
  private readonly notifier: ApprovalNotifier;
  private readonly applier: ApprovalApplier;
  private readonly expireAfterMs: number;

  constructor(
    private readonly options: ApprovalServiceOptions,
    readonly store: ApprovalStore,
  ) {
    const approval = readApprovalConfig(options.config);
    this.expireAfterMs = approval.expireAfterMs;
    this.access = new ApprovalPermissions(
      options.permissions,
      options.permissionsRegistry,
    );
    this.notifier = new ApprovalNotifier({
      notifications: options.notifications,
      logger: options.logger,
      approversGroup: approval.approversGroup,
    });
    this.applier =
      options.applier ??
      createClusterApplier({ rolloutTimeoutSeconds: ROLLOUT_TIMEOUT_SECONDS });
  }

  private now(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }

  private policy(): ApprovalPolicy {
    return this.options.policy?.() ?? readApprovalPolicy(this.options.config);
  }

  private cluster(name: string): ClusterDefinition | undefined {
    return this.options.clusters.find(c => c.name === name);
  }

  /** Files a request as the caller; `POST /approvals`. */
  async createRequest(
    body: unknown,
    credentials: UserCredentials,
    req?: Request,
  ): Promise<ApprovalRequest> {
    const requester = credentials.principal.userEntityRef;
    const audit = await this.options.auditor.createEvent({
      eventId: 'approval-create',
      severityLevel: 'medium',
      request: req,
    });
    try {
      const input = parseCreateInput(body);
      if (!this.cluster(input.cluster)) {
        throw new InputError(
          `cluster: '${
            input.cluster
          }' is not a cluster configured in the backend (${
            this.options.clusters.map(c => c.name).join(', ') || 'none'
          })`,
        );
      }
      const objects = parseRequestManifest(input.manifest, input);
      const outcome = evaluateManifestPolicy(objects, this.policy());
      if (outcome.denied.length > 0) {
        throw new InputError(
          `manifest: denied by the platform policy, no approval can allow it: ${outcome.denied
            .map(f => f.message)
            .join('; ')}`,
        );
      }
      if (outcome.approvalReasons.length === 0) {
        throw new InputError(
          'manifest: needs no approval under the platform policy; apply it with daemonset:apply',
        );
      }
      const now = this.now();
      const request: ApprovalRequest = {
        id: randomUUID(),
        ...input,
        sha256: sha256Of(input.manifest),
        reasons: outcome.approvalReasons.map(f => f.message),
        requiredApprovals: outcome.requiredApprovals,
        requester,
        state: 'pending',
        decisions: [],
        createdAt: now,
        updatedAt: now,
        expiresAt: new Date(Date.parse(now) + this.expireAfterMs).toISOString(),
      };
      const superseded = await this.store.insert(request);
      await audit.success({
        meta: {
          id: request.id,
          cluster: request.cluster,
          namespace: request.namespace,
          name: request.name,
          superseded,
        },
      });
      await this.notifier.newRequest(request);
      return request;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /** Requests the caller may read, newest first; `GET /approvals`. */
  async list(
    filter: ApprovalFilter,
    credentials: UserCredentials,
  ): Promise<ApprovalRequest[]> {
    await this.store.expireDue(this.now());
    const access = await this.access.readAccess(credentials);
    if (access === 'none') return [];
    return this.store.list(filter, access);
  }

  /** One request the caller may read; NotFoundError otherwise. */
  async get(
    id: string,
    credentials: UserCredentials,
  ): Promise<ApprovalRequest> {
    let request = await this.store.get(id);
    if (
      request &&
      request.state === 'pending' &&
      request.expiresAt <= this.now()
    ) {
      await this.store.transition(id, 'pending', 'expired', this.now());
      request = await this.store.get(id);
    }
    if (!request || !(await this.access.canRead(credentials, request))) {
      throw new NotFoundError(`No approval request ${id}`);
    }
    return request;
  }

  /** What runs now in the cluster for the request's objects. */
  async live(id: string, credentials: UserCredentials): Promise<object[]> {
    const request = await this.get(id, credentials);
    const cluster = this.cluster(request.cluster);
    if (!cluster) {
      throw new NotFoundError(
        `Cluster '${request.cluster}' is no longer configured`,
      );
    }
    const objects = parseRequestManifest(request.manifest, request);
    return this.applier.live({ cluster, objects });
  }

  /** Records an approval or rejection; `POST /approvals/:id/decisions`. */
  async decide(
    id: string,
    body: unknown,
    credentials: UserCredentials,
    req?: Request,
  ): Promise<ApprovalRequest> {
    const input = parseDecisionInput(body);
    const by = credentials.principal.userEntityRef;
    const audit = await this.options.auditor.createEvent({
      eventId: 'approval-decide',
      severityLevel: 'high',
      request: req,
      meta: { id, decision: input.decision },
    });
    try {
      const request = await this.get(id, credentials);
      await this.access.assertCanApprove(credentials, request);
      if (request.requester === by) {
        throw new NotAllowedError(
          'Nobody decides on their own approval request (four-eyes rule); withdraw it instead',
        );
      }
      const decision = { by, ...input, at: this.now() };
      const outcome = await this.store.decide(id, decision);
      if (outcome.kind === 'not-found')
        throw new NotFoundError(`No approval request ${id}`);
      if (outcome.kind === 'not-pending') {
        throw new ConflictError(
          `Approval request ${id} is ${outcome.state}, not pending: it takes no more decisions`,
        );
      }
      if (outcome.kind === 'already-decided') {
        throw new NotAllowedError(
          `${by} already decided on approval request ${id}; approvals must come from distinct people`,
        );
      }
      await audit.success({ meta: { state: outcome.state } });
      const updated = (await this.store.get(id))!;
      await this.notifier.decided(updated, decision);
      if (outcome.state === 'approved') this.applyInBackground(id);
      return updated;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /** The requester takes a pending request back; `POST /approvals/:id/withdraw`. */
  async withdraw(
    id: string,
    credentials: UserCredentials,
    req?: Request,
  ): Promise<ApprovalRequest> {
    const audit = await this.options.auditor.createEvent({
      eventId: 'approval-withdraw',
      severityLevel: 'medium',
      request: req,
      meta: { id },
    });
    try {
      const request = await this.get(id, credentials);
      if (request.requester !== credentials.principal.userEntityRef) {
        throw new NotAllowedError('Only the requester withdraws a request');
      }
      if (
        !(await this.store.transition(id, 'pending', 'withdrawn', this.now()))
      ) {
        const current = (await this.store.get(id))!;
        throw new ConflictError(
          `Approval request ${id} is ${current.state}, not pending: it cannot be withdrawn`,
        );
      }
      await audit.success();
      return (await this.store.get(id))!;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  /** An approver applies a failed request again; `POST /approvals/:id/retry`. */
  async retry(
    id: string,
    credentials: UserCredentials,
    req?: Request,
  ): Promise<ApprovalRequest> {
    const audit = await this.options.auditor.createEvent({
      eventId: 'approval-retry',
      severityLevel: 'high',
      request: req,
      meta: { id },
    });
    try {
      const request = await this.get(id, credentials);
      await this.access.assertCanApprove(credentials, request);
      if (request.requester === credentials.principal.userEntityRef) {
        throw new NotAllowedError(
          'Nobody retries the apply of their own request (four-eyes rule)',
        );
      }
      if (
        !(await this.store.transition(id, 'failed', 'approved', this.now(), {
          error: null,
        }))
      ) {
        const current = (await this.store.get(id))!;
        throw new ConflictError(
          `Approval request ${id} is ${current.state}; only a failed request is retried`,
        );
      }
      await audit.success();
      this.applyInBackground(id);
      return (await this.store.get(id))!;
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  }

  private applyInBackground(id: string): void {
    const work: Promise<void> = this.applyApproved(id).then(
      () => undefined,
      error =>
        this.options.logger.error(
          `Applying approval request ${id} failed unexpectedly: ${
            (error as Error).message
          }`,
        ),
    );
    this.inFlight.add(work);
    work.finally(() => this.inFlight.delete(work));
  }

  /**
   * Applies an approved request if this call is the one that moves it from `approved` to
   * `applying`; any other caller, in this instance or another, returns without applying.
   *
   * @returns whether this call applied (or tried to apply) the request.
   */
  async applyApproved(id: string): Promise<boolean> {
    if (
      !(await this.store.transition(id, 'approved', 'applying', this.now()))
    ) {
      return false;
    }
    const audit = await this.options.auditor.createEvent({
      eventId: 'approval-apply',
      severityLevel: 'high',
      meta: { id },
    });
    const request = (await this.store.get(id))!;
    try {
      const summary = await this.applyChecked(request);
      await this.store.transition(id, 'applying', 'applied', this.now(), {
        appliedAt: this.now(),
      });
      this.options.logger.info(`Approval request ${id} applied: ${summary}`);
      await audit.success({ meta: { summary } });
    } catch (error) {
      const message = String((error as Error).message).slice(0, 2000);
      await this.store.transition(id, 'applying', 'failed', this.now(), {
        error: message,
      });
      this.options.logger.warn(
        `Approval request ${id} failed to apply: ${message}`,
      );
      await audit.fail({ error: error as Error });
    }
    await this.notifier.applyOutcome((await this.store.get(id))!);
    return true;
  }

  /** Refuses a tampered manifest or one the current policy denies; applies it otherwise. */
  private async applyChecked(request: ApprovalRequest): Promise<string> {
    if (sha256Of(request.manifest) !== request.sha256) {
      throw new Error(
        'Refused: the stored manifest does not match its SHA-256 recorded at request time (it was changed after the request); nothing was applied',
      );
    }
    const objects = parseRequestManifest(request.manifest, request);
    const outcome = evaluateManifestPolicy(objects, this.policy());
    if (outcome.denied.length > 0) {
      throw new Error(
        `Refused: the platform policy now denies this manifest: ${outcome.denied
          .map(f => f.message)
          .join('; ')}; nothing was applied`,
      );
    }
    const approvers = new Set(
      request.decisions.filter(d => d.decision === 'approve').map(d => d.by),
    );
    if (approvers.size < outcome.requiredApprovals) {
      throw new Error(
        `Refused: the platform policy now requires ${outcome.requiredApprovals} approvals, the request has ${approvers.size}; nothing was applied`,
      );
    }
    const cluster = this.cluster(request.cluster);
    if (!cluster) {
      throw new Error(`Cluster '${request.cluster}' is no longer configured`);
    }
    if (request.baseRevision !== undefined) {
      await this.assertStillAtBase(request, cluster, objects);
    }
    return this.applier.apply({ cluster, objects, signal: this.abort.signal });
  }

  /** Refuses an approved edit whose DaemonSet changed since it was made (no lost update). */
  private async assertStillAtBase(
    request: ApprovalRequest,
    cluster: ClusterDefinition,
    objects: ManifestObject[],
  ): Promise<void> {
    const live = (await this.applier.live({ cluster, objects })) as Array<{
      kind?: string;
      metadata?: { generation?: number };
    }>;
    const daemonSet = live.find(o => o.kind === 'DaemonSet');
    const target = `DaemonSet ${request.namespace}/${request.name} in cluster ${request.cluster}`;
    if (!daemonSet) {
      throw new Error(
        `Refused: ${target} no longer exists; this edit was based on revision ${request.baseRevision}. Nothing was applied.`,
      );
    }
    const current = daemonSet.metadata?.generation;
    if (current !== request.baseRevision) {
      throw new Error(
        `Refused: ${target} was changed since this edit was requested (based on revision ${request.baseRevision}, now at revision ${current}). Nothing was applied; edit it again from what runs now.`,
      );
    }
  }

  /** Expires due requests and applies approved ones no instance picked up (after a restart). */
  async housekeeping(): Promise<void> {
    const expired = await this.store.expireDue(this.now());
    if (expired.length > 0) {
      this.options.logger.info(
        `Expired approval requests: ${expired.join(', ')}`,
      );
    }
    for (const id of await this.store.idsInState('approved')) {
      await this.applyApproved(id);
    }
  }

  /** Resolves when no apply runs in the background any more. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) {
      await Promise.all([...this.inFlight]);
    }
  }

  /** Stops background applies (backend shutdown); they end as failed. */
  async close(): Promise<void> {
    this.abort.abort();
    await this.whenIdle();
  }
}
