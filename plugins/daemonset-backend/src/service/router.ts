import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ApprovalPolicy } from '@daemonsets/plugin-daemonset-common';
import { ClusterDefinition } from '@daemonsets/plugin-daemonset-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { addApprovalRoutes } from '../approvals/routes';
import { addMetricsRoutes } from '../metrics/routes';
import { ApprovalService } from '../approvals/ApprovalService';
import { EntityStatusView } from '../watch/EntityStatusView';
import { StatusViews } from '../watch/StatusViews';
import { addWizardRoutes } from '../wizard/routes';
import { WizardServices } from '../wizard/WizardServices';
import { loadEntityForStatus } from './entityAccess';
import { entityWatchScope } from '../watch/scopeOfEntity';
import { sendStatusSnapshot } from './statusResponse';
import {
  DEFAULT_LIVE_CHANNEL_OPTIONS,
  LiveChannelOptions,
  openLiveChannel,
} from './liveChannel';

/** @internal */
export interface RouterOptions {
  clusters: ClusterDefinition[];
  views: StatusViews;
  catalog: CatalogService;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
  /** How long a request waits for a cluster's first list before answering without it. */
  initialListTimeoutMs: number;
  liveChannel?: LiveChannelOptions;
  /** State of the wizard routes (connection checks, node caches for placement). */
  wizard: WizardServices;
  /** The effective approval policy (`daemonset.policy`), served to the wizard. */
  policy: ApprovalPolicy;
  /** Approval requests (`/approvals` routes). */
  approvals: ApprovalService;
  /** Told the entity ref whenever a user opens an entity's status (the pre-warm records it). */
  onStatusOpened?: (entityRef: string) => void;
}

/** @internal */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const router = Router();
  const clusterNames = options.clusters.map(c => c.name);

  async function viewFor(req: Request): Promise<EntityStatusView> {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await loadEntityForStatus({
      ref: {
        namespace: req.params.namespace,
        kind: req.params.kind,
        name: req.params.name,
      },
      credentials,
      catalog: options.catalog,
      permissions: options.permissions,
    });
    const view = options.views.viewOf(entityWatchScope(entity, clusterNames));
    options.onStatusOpened?.(view.scope.entityRef);
    await view.ready(options.initialListTimeoutMs);
    return view;
  }

  addWizardRoutes(router, {
    clusters: options.clusters,
    services: options.wizard,
    policy: options.policy,
    httpAuth: options.httpAuth,
    permissions: options.permissions,
  });

  addApprovalRoutes(router, {
    service: options.approvals,
    httpAuth: options.httpAuth,
  });

  addMetricsRoutes(router, {
    clusters: options.clusters,
    catalog: options.catalog,
    permissions: options.permissions,
    httpAuth: options.httpAuth,
  });

  router.get('/entity/:namespace/:kind/:name/status', async (req, res) => {
    const view = await viewFor(req);
    await sendStatusSnapshot(req, res, view.current());
  });

  router.get(
    '/entity/:namespace/:kind/:name/status/stream',
    async (req, res) => {
      const view = await viewFor(req);
      openLiveChannel(
        req,
        res,
        view,
        options.liveChannel ?? DEFAULT_LIVE_CHANNEL_OPTIONS,
      );
    },
  );

  return router;
}
