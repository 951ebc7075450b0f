import {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  daemonSetPodDeletePermission,
  daemonSetPodLogsReadPermission,
} from '@daemonsets/plugin-daemonset-common';
import {
  ClusterDefinition,
  kubeConfigFor,
} from '@daemonsets/plugin-daemonset-node';
import type { KubeConfig } from '@kubernetes/client-node';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import {
  authorizeOnEntity,
  loadEntityForStatus,
} from '../service/entityAccess';
import { entityWatchScope } from '../watch/scopeOfEntity';
import { EntityPod, loadEntityPod, parsePodRef } from './podAccess';
import { listPodEvents } from './podEvents';
import { openPodEventsStream } from './podEventsStream';
import { parseLogQuery, sendPodLogs } from './podLogs';
import { restartPod } from './restartPod';

/** Options of {@link createTroubleshootingRouter}. @internal */
export interface TroubleshootingRouteOptions {
  clusters: ClusterDefinition[];
  catalog: CatalogService;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  /** Server-side maximum bytes of one log read (`daemonset.logs.maxBytes`). */
  logMaxBytes: number;
}

const POD = '/entity/:namespace/:kind/:name/pods/:cluster/:podNamespace/:pod';

/**
 * The routes that answer "why is this pod failing" for one pod of an entity's DaemonSets:
 * its events (`GET .../events`, live as SSE at `.../events/stream`), its container logs
 * (`GET .../logs`) and a restart (`POST .../restart`). Each checks that the caller may read the
 * entity in the catalog and its DaemonSet status, the route's own permission on the entity,
 * and that the pod belongs to one of the entity's DaemonSets.
 *
 * @internal
 */
export function createTroubleshootingRouter(
  options: TroubleshootingRouteOptions,
): express.Router {
  const router = Router();
  const clusterNames = options.clusters.map(c => c.name);
  const kubeConfigs = new Map<string, KubeConfig>(
    options.clusters.map(c => [
      c.name,
      // Plain http has no TLS to verify; client-node refuses it unless told to skip verification.
      kubeConfigFor(
        new URL(c.url).protocol === 'http:' ? { ...c, skipTLSVerify: true } : c,
      ),
    ]),
  );

  async function resolve(
    req: Request,
    res: express.Response,
    check?: (
      credentials: BackstageCredentials,
      entity: Entity,
    ) => Promise<void>,
  ): Promise<{ entity: Entity; target: EntityPod; kubeConfig: KubeConfig }> {
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
    await check?.(credentials, entity);
    const scope = entityWatchScope(entity, clusterNames);
    const ref = parsePodRef(req.params, scope);
    const kubeConfig = kubeConfigs.get(ref.cluster)!;
    const target = await untilClientLeaves(res, signal =>
      loadEntityPod(kubeConfig, scope, ref, signal),
    );
    return { entity, target, kubeConfig };
  }

  router.get(`${POD}/events`, async (req, res) => {
    const { target, kubeConfig } = await resolve(req, res);
    const list = await untilClientLeaves(res, signal =>
      listPodEvents({
        kubeConfig,
        cluster: target.ref.cluster,
        namespace: target.ref.namespace,
        pod: target.ref.pod,
        node: target.pod.spec?.nodeName,
        signal,
      }),
    );
    res.setHeader('Cache-Control', 'no-store');
    res.json(list);
  });

  router.get(`${POD}/events/stream`, async (req, res) => {
    const { target, kubeConfig } = await resolve(req, res);
    openPodEventsStream(req, res, {
      kubeConfig,
      cluster: target.ref.cluster,
      namespace: target.ref.namespace,
      pod: target.ref.pod,
      node: target.pod.spec?.nodeName,
    });
  });

  router.get(`${POD}/logs`, async (req, res) => {
    const { target, kubeConfig } = await resolve(
      req,
      res,
      (credentials, entity) =>
        authorizeOnEntity(
          options.permissions,
          credentials,
          daemonSetPodLogsReadPermission,
          entity,
        ),
    );
    const query = parseLogQuery(req.query, target, options.logMaxBytes);
    await sendPodLogs(req, res, kubeConfig, target, query);
  });

  router.post(`${POD}/restart`, async (req, res) => {
    const audit = await options.auditor.createEvent({
      eventId: 'pod-restart',
      severityLevel: 'medium',
      request: req,
      meta: {
        entityRef: `${req.params.kind}:${req.params.namespace}/${req.params.name}`,
        cluster: req.params.cluster,
        namespace: req.params.podNamespace,
        pod: req.params.pod,
      },
    });
    try {
      const { target, kubeConfig } = await resolve(
        req,
        res,
        (credentials, entity) =>
          authorizeOnEntity(
            options.permissions,
            credentials,
            daemonSetPodDeletePermission,
            entity,
          ),
      );
      const result = await restartPod(kubeConfig, target);
      await audit.success({
        meta: {
          uid: result.uid,
          node: result.node,
          daemonSet: target.daemonSet,
        },
      });
      res.json(result);
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}

/** How long one read of a cluster may take before the route answers 503. */
const CLUSTER_CALL_TIMEOUT_MS = 10_000;

/** Runs cluster calls with a signal that aborts when the client goes away or after a timeout. */
async function untilClientLeaves<T>(
  res: express.Response,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CLUSTER_CALL_TIMEOUT_MS);
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  try {
    return await call(controller.signal);
  } finally {
    clearTimeout(timer);
    res.off('close', onClose);
  }
}
