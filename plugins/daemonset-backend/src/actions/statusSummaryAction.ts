import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ClusterStatus } from '@daemonsets/plugin-daemonset-common';
import { ActionServices, readEntityStatus } from './entityStatus';

/** The summary an agent reads: counts and the rows that need attention, not every node. */
function summarise(clusters: readonly ClusterStatus[]) {
  return clusters.map(c => ({
    cluster: c.cluster,
    connection: c.connection.state,
    ...(c.error ? { error: c.error.message } : {}),
    daemonSets: c.daemonSets.map(report => ({
      namespace: report.daemonSet.namespace,
      name: report.daemonSet.name,
      desired: report.daemonSet.desired,
      ready: report.daemonSet.ready,
      updated: report.daemonSet.updated,
      available: report.daemonSet.available,
      images: report.daemonSet.images,
      counts: report.counts,
      attention: report.nodes
        .filter(r => ['failing', 'missing', 'misscheduled'].includes(r.verdict))
        .slice(0, 20)
        .map(r => ({
          node: r.node.name,
          verdict: r.verdict,
          ...(r.reason ? { reason: r.reason } : {}),
        })),
    })),
  }));
}

/**
 * Registers `daemonset:get-status`: the status summary of an entity's DaemonSets.
 *
 * @internal
 */
export function registerStatusSummaryAction(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  registry.register({
    name: 'get-status',
    title: 'DaemonSet status of an entity',
    description:
      'Summarises the DaemonSets of a catalog entity in every cluster: desired, ready, updated and available pods, how many nodes have each verdict (ok, progressing, failing, missing, misscheduled, notEligible), and up to 20 nodes that need attention with the reason.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The entity, e.g. component:default/node-agent (kind defaults to component)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          clusters: z.array(
            z.object({
              cluster: z.string(),
              connection: z.string(),
              error: z.string().optional(),
              daemonSets: z.array(
                z.object({
                  namespace: z.string(),
                  name: z.string(),
                  desired: z.number(),
                  ready: z.number(),
                  updated: z.number(),
                  available: z.number(),
                  images: z.array(z.string()),
                  counts: z.record(z.number()),
                  attention: z.array(
                    z.object({
                      node: z.string(),
                      verdict: z.string(),
                      reason: z.string().optional(),
                    }),
                  ),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { clusters, entity } = await readEntityStatus(
        services,
        input.entityRef,
        credentials,
      );
      return {
        output: {
          entityRef: stringifyEntityRef(entity),
          clusters: summarise(clusters),
        },
      };
    },
  });
}
