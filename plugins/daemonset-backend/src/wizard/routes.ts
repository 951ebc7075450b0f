import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ApprovalPolicy,
  PlacementPreview,
  WizardCluster,
  WizardKeyedObject,
  WizardList,
  WizardNamespace,
} from '@daemonsets/plugin-daemonset-common';
import {
  parsePlacementInput,
  previewPlacement,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import { ClusterDefinition } from '@daemonsets/plugin-daemonset-node';
import express, { NextFunction, Request, Response, Router } from 'express';
import {
  clusterReadAccess,
  configuredCluster,
  namespaceParam,
  requireClusterRead,
} from './access';
import { callCluster } from './clusterCall';
import { WizardServices } from './WizardServices';
import { KeyedKind, listKeyedObjects } from './keyedObjects';
import { listNamespaces } from './namespaces';

/** Largest accepted placement body. @internal */
export const PLACEMENT_BODY_LIMIT = '256kb';

/** What the wizard routes need. @internal */
export interface WizardRouteOptions {
  clusters: ClusterDefinition[];
  services: WizardServices;
  policy: ApprovalPolicy;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}

const jsonBody = express.json({ limit: PLACEMENT_BODY_LIMIT });

/** `express.json`, with a body that is not JSON reported as an InputError. */
function placementBody(req: Request, res: Response, next: NextFunction) {
  jsonBody(req, res, error => {
    if (
      (error as { type?: string } | undefined)?.type === 'entity.parse.failed'
    ) {
      next(new InputError('The request body is not valid JSON'));
    } else {
      next(error);
    }
  });
}

/** A problem's path as a field of the body: `input.scheduling...`, `input["a/b"]`. */
function fieldOf(path: string): string {
  if (!path) return 'input';
  return path.startsWith('[') ? `input${path}` : `input.${path}`;
}

/** The `input` of a placement body, or an InputError naming the field at fault. */
function placementInputOf(body: unknown) {
  const raw = (body as { input?: unknown } | undefined)?.input;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InputError(
      'The request body must be a JSON object { "input": { ... } } with the wizard form data in input',
    );
  }
  const { input, problems } = parsePlacementInput(raw);
  if (!input) {
    throw new InputError(
      `Invalid placement input: ${problems
        .map(p => `${fieldOf(p.path)}: ${p.message}`)
        .join('; ')}`,
    );
  }
  return input;
}

/**
 * Adds the routes behind the scaffolder wizard's field extensions to `router`: the clusters with
 * their connection state, namespaces, Secret and ConfigMap keys, the approval policy and the
 * placement preview. See `src/schema/openapi.yaml`.
 *
 * @remarks
 * Every route needs user or service credentials and `daemonset.cluster.read` (else 403), except
 * `GET /clusters`, which without the permission still lists names and titles (as it always did,
 * for the entity tab) with connection state `unknown`. `:cluster` must be configured (else 404).
 *
 * @internal
 */
export function addWizardRoutes(
  router: Router,
  options: WizardRouteOptions,
): void {
  const { services, policy } = options;
  const clusters = new Map(options.clusters.map(c => [c.name, c]));
  const access = {
    httpAuth: options.httpAuth,
    permissions: options.permissions,
  };

  router.get('/clusters', async (req, res) => {
    const { allowed } = await clusterReadAccess(req, access);
    const unknown = () => ({
      state: 'unknown' as const,
      checkedAt: new Date().toISOString(),
    });
    const items: WizardCluster[] = await Promise.all(
      options.clusters.map(async ({ name, title }) => ({
        name,
        title,
        connection: allowed ? await services.probe.check(name) : unknown(),
      })),
    );
    res.json({ items } satisfies WizardList<WizardCluster>);
  });

  router.get('/policy', async (req, res) => {
    await requireClusterRead(req, access);
    res.json(policy);
  });

  router.get('/clusters/:cluster/namespaces', async (req, res) => {
    await requireClusterRead(req, access);
    const cluster = configuredCluster(clusters, req.params.cluster);
    const kubeConfig = services.kubeConfigOf(cluster.name);
    const items = await callCluster(
      res,
      `the namespaces of cluster ${cluster.name}`,
      signal => listNamespaces(kubeConfig, policy, signal),
    );
    res.json({ items } satisfies WizardList<WizardNamespace>);
  });

  const keyedRoute = (kind: KeyedKind, label: string) =>
    router.get(
      `/clusters/:cluster/namespaces/:namespace/${kind}`,
      async (req, res) => {
        await requireClusterRead(req, access);
        const cluster = configuredCluster(clusters, req.params.cluster);
        const namespace = namespaceParam(req.params.namespace);
        const kubeConfig = services.kubeConfigOf(cluster.name);
        const items = await callCluster(
          res,
          `the ${label} of namespace ${namespace} in cluster ${cluster.name}`,
          signal => listKeyedObjects(kubeConfig, kind, namespace, signal),
        );
        res.json({ items } satisfies WizardList<WizardKeyedObject>);
      },
    );
  keyedRoute('secrets', 'Secrets');
  keyedRoute('configmaps', 'ConfigMaps');

  router.post(
    '/clusters/:cluster/placement',
    async (req, _res, next) => {
      // Permission and cluster first: the body is read only for a caller who may preview.
      await requireClusterRead(req, access);
      configuredCluster(clusters, req.params.cluster);
      next();
    },
    placementBody,
    async (req, res) => {
      const cluster = configuredCluster(clusters, req.params.cluster);
      const input = placementInputOf(req.body);
      const { nodes, observedAt } = await services.nodes.nodesOf(cluster.name);
      const preview: PlacementPreview = {
        cluster: cluster.name,
        ...previewPlacement(nodes, input),
        observedAt,
      };
      res.json(preview);
    },
  );
}
