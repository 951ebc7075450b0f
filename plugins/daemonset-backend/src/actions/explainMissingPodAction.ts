import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { NodeRow } from '@daemonsets/plugin-daemonset-common';
import {
  ActionServices,
  nodeQuestionInput,
  readEntityStatus,
  rowsOfNode,
} from './entityStatus';

function nodeState(row: NodeRow): string {
  const problems = row.node.conditions.map(
    c => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`,
  );
  if (!row.node.schedulable) problems.push('cordoned');
  return problems.length > 0 ? ` The node: ${problems.join(', ')}.` : '';
}

/** Why the row has, or has no, pod: in words, from the same eligibility the tab shows. */
export function explainPodPlacement(row: NodeRow): string {
  const reasons = row.eligibility.reasons.join('; ');
  switch (row.verdict) {
    case 'notEligible':
      return `The DaemonSet does not run on this node: ${
        reasons || 'it is not eligible'
      }.`;
    case 'missing':
      return `The node is eligible but has no pod yet: the DaemonSet controller has not created it, or it was just deleted.${nodeState(
        row,
      )}`;
    case 'misscheduled':
      return `A pod runs on this node although the DaemonSet should not run there: ${
        reasons || 'it is not eligible'
      }.`;
    default:
      return `There is a pod on this node: ${row.pod?.name ?? 'unknown'} (${
        row.verdict
      }${row.reason ? `: ${row.reason}` : ''}).`;
  }
}

/**
 * Registers `daemonset:explain-missing-pod`: why an entity's DaemonSet has no pod on a node.
 *
 * @internal
 */
export function registerExplainMissingPodAction(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  registry.register({
    name: 'explain-missing-pod',
    title: 'Why is there no DaemonSet pod on a node',
    description:
      "Explains, for each DaemonSet of a catalog entity, whether it should run a pod on the given node and why not (untolerated taints, node selector or affinity mismatch), or why an eligible node has no pod. Uses the same eligibility rules as the entity's DaemonSet tab.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          ...nodeQuestionInput(z),
        }),
      output: z =>
        z.object({
          node: z.string(),
          answers: z.array(
            z.object({
              cluster: z.string(),
              daemonSet: z.string(),
              verdict: z.string(),
              eligible: z.boolean(),
              hasPod: z.boolean(),
              reasons: z.array(z.string()),
              explanation: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { clusters } = await readEntityStatus(
        services,
        input.entityRef,
        credentials,
      );
      const answers = rowsOfNode(clusters, input.node, input.cluster).map(
        ({ cluster, report, row }) => ({
          cluster,
          daemonSet: `${report.daemonSet.namespace}/${report.daemonSet.name}`,
          verdict: row.verdict,
          eligible: row.eligibility.eligible,
          hasPod: row.pod !== undefined,
          reasons: row.eligibility.reasons,
          explanation: explainPodPlacement(row),
        }),
      );
      return { output: { node: input.node, answers } };
    },
  });
}
