import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  dns1123Label,
  dns1123Subdomain,
} from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  ClusterDefinition,
  kubeConfigFor,
} from '@daemonsets/plugin-daemonset-node';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Router } from 'express';
import { loadEntityForStatus } from '../service/entityAccess';
import { entityWatchScope } from '../watch/scopeOfEntity';
import { readDaemonSetPodMetrics } from './podMetrics';

/** Options of {@link addMetricsRoutes}. @internal */
export interface MetricsRouteOptions {
  clusters: ClusterDefinition[];
  catalog: CatalogService;
  permissions: PermissionsService;
  httpAuth: HttpAuthService;
}

/**
 * `GET /entity/:namespace/:kind/:name/metrics/:cluster/:dsNamespace/:daemonSet`: the pod
 * CPU/memory of one of the entity's DaemonSets, or `{ available: false }` when the cluster has
 * no metrics API. Needs the same rights as the entity's status.
 *
 * @internal
 */
export function addMetricsRoutes(
  router: Router,
  options: MetricsRouteOptions,
): void {
  const clusterNames = options.clusters.map(c => c.name);
  const kubeConfigs = new Map<string, KubeConfig>(
    options.clusters.map(c => [
      c.name,
      kubeConfigFor(
        new URL(c.url).protocol === 'http:' ? { ...c, skipTLSVerify: true } : c,
      ),
    ]),
  );
  router.get(
    '/entity/:namespace/:kind/:name/metrics/:cluster/:dsNamespace/:daemonSet',
    async (req, res) => {
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
      const scope = entityWatchScope(entity, clusterNames);
      const { cluster, dsNamespace, daemonSet } = req.params;
      if (!scope.clusters.includes(cluster)) {
        throw new InputError(
          `cluster: '${cluster}' is not a cluster of this entity's DaemonSets`,
        );
      }
      if (!dns1123Label.test(dsNamespace)) {
        throw new InputError(
          `namespace: '${dsNamespace}' is not a valid namespace name (a DNS label)`,
        );
      }
      if (!dns1123Subdomain.test(daemonSet)) {
        throw new InputError(
          `daemonSet: '${daemonSet}' is not a valid DaemonSet name (a DNS subdomain)`,
        );
      }
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 10_000);
      try {
        const metrics = await readDaemonSetPodMetrics(
          kubeConfigs.get(cluster)!,
          scope,
          { namespace: dsNamespace, name: daemonSet },
          controller.signal,
        );
        res.setHeader('Cache-Control', 'no-store');
        res.json(metrics);
      } finally {
        clearTimeout(timer);
      }
    },
  );
}
