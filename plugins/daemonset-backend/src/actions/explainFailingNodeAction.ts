import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  daemonSetPodLogsReadPermission,
  PodInfo,
} from '@daemonsets/plugin-daemonset-common';
import { kubeConfigFor } from '@daemonsets/plugin-daemonset-node';
import { isAllowedOnEntity } from '../service/entityAccess';
import { listPodEvents } from '../troubleshooting/podEvents';
import { describeError } from '../watch/describeError';
import {
  ActionServices,
  nodeQuestionInput,
  NodeRowMatch,
  readEntityStatus,
  rowsOfNode,
} from './entityStatus';
import { readPodLogTail } from './podLogTail';

const MAX_EVENTS = 20;

/** The container whose log explains the failure, and whether its previous run is the one. */
function logTarget(pod: PodInfo): { container: string; previous: boolean } {
  const container =
    pod.containers.find(c => !c.ready && c.reason) ??
    pod.containers.find(c => !c.ready) ??
    pod.containers[0];
  return {
    container: container?.name ?? '',
    previous: (container?.restartCount ?? 0) > 0,
  };
}

async function diagnose(
  services: ActionServices,
  match: NodeRowMatch,
  logs: { allowed: boolean; tailLines: number },
) {
  const { cluster, report, row } = match;
  const definition = services.clusters.find(c => c.name === cluster);
  const pod = row.pod;
  const base = {
    cluster,
    daemonSet: `${report.daemonSet.namespace}/${report.daemonSet.name}`,
    verdict: row.verdict,
    ...(row.reason ? { reason: row.reason } : {}),
    nodeReady: row.node.ready,
    nodeConditions: row.node.conditions.map(
      c => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ''}`,
    ),
  };
  if (!pod || !definition) return { ...base, events: [] };
  const podPart = {
    pod: {
      name: pod.name,
      phase: pod.phase,
      ready: pod.ready,
      restarts: pod.restarts,
      ...(pod.reason ? { waitingReason: pod.reason } : {}),
      ...(pod.message ? { message: pod.message } : {}),
      containers: pod.containers.map(c => ({
        name: c.name,
        state: c.state,
        ready: c.ready,
        restartCount: c.restartCount,
        ...(c.reason ? { reason: c.reason } : {}),
        ...(c.lastTermination?.reason
          ? { lastTerminationReason: c.lastTermination.reason }
          : {}),
        ...(c.lastTermination?.exitCode !== undefined
          ? { lastExitCode: c.lastTermination.exitCode }
          : {}),
      })),
    },
  };
  const kubeConfig = kubeConfigFor(definition);
  let events: Array<{
    type: string;
    reason: string;
    message: string;
    count: number;
    lastSeen?: string;
    object: string;
  }> = [];
  let eventsError: string | undefined;
  try {
    const list = await listPodEvents({
      kubeConfig,
      cluster,
      namespace: pod.namespace,
      pod: pod.name,
      node: row.node.name,
    });
    events = list.events.slice(0, MAX_EVENTS).map(e => ({
      type: e.type,
      reason: e.reason,
      message: e.message,
      count: e.count,
      ...(e.lastSeen ? { lastSeen: e.lastSeen } : {}),
      object: `${e.involvedObject.kind}/${e.involvedObject.name}`,
    }));
  } catch (error) {
    eventsError = (error as Error).message;
  }
  if (!logs.allowed) {
    return {
      ...base,
      ...podPart,
      events,
      ...(eventsError ? { eventsError } : {}),
      logsOmitted: `not permitted: the caller lacks ${daemonSetPodLogsReadPermission.name}`,
    };
  }
  const target = logTarget(pod);
  try {
    const lines = await readPodLogTail({
      kubeConfig,
      namespace: pod.namespace,
      pod: pod.name,
      container: target.container,
      previous: target.previous,
      tailLines: logs.tailLines,
    });
    return {
      ...base,
      ...podPart,
      events,
      ...(eventsError ? { eventsError } : {}),
      logs: { ...target, lines },
    };
  } catch (error) {
    // describeError gives a status code's meaning only: the API server's text may echo log lines.
    return {
      ...base,
      ...podPart,
      events,
      ...(eventsError ? { eventsError } : {}),
      logsOmitted: `could not read the log of container ${
        target.container
      }: ${describeError(error)}`,
    };
  }
}

/**
 * Registers `daemonset:explain-failing-node`: why an entity's DaemonSet pod on a node fails:
 * verdict, waiting reason and restarts, the pod's and node's Kubernetes events, and the last
 * log lines when the caller may read logs (`daemonset.pod.logs.read`).
 *
 * @internal
 */
export function registerExplainFailingNodeAction(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  registry.register({
    name: 'explain-failing-node',
    title: 'Why is a DaemonSet pod on a node failing',
    description:
      "For each DaemonSet of a catalog entity, tells why its pod on the given node fails: the verdict and its reason, the pod's phase, waiting reason and restarts per container, the newest Kubernetes events of the pod and of the node, and the last log lines of the failing container (of its previous run after a restart) when the caller may read logs.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          ...nodeQuestionInput(z),
          tailLines: z
            .number()
            .int()
            .min(1)
            .max(200)
            .optional()
            .describe('How many log lines to return (default 20)'),
        }),
      output: z =>
        z.object({
          node: z.string(),
          diagnoses: z.array(
            z.object({
              cluster: z.string(),
              daemonSet: z.string(),
              verdict: z.string(),
              reason: z.string().optional(),
              nodeReady: z.boolean(),
              nodeConditions: z.array(z.string()),
              pod: z
                .object({
                  name: z.string(),
                  phase: z.string(),
                  ready: z.boolean(),
                  restarts: z.number(),
                  waitingReason: z.string().optional(),
                  message: z.string().optional(),
                  containers: z.array(
                    z.object({
                      name: z.string(),
                      state: z.string(),
                      ready: z.boolean(),
                      restartCount: z.number(),
                      reason: z.string().optional(),
                      lastTerminationReason: z.string().optional(),
                      lastExitCode: z.number().optional(),
                    }),
                  ),
                })
                .optional(),
              events: z.array(
                z.object({
                  type: z.string(),
                  reason: z.string(),
                  message: z.string(),
                  count: z.number(),
                  lastSeen: z.string().optional(),
                  object: z.string(),
                }),
              ),
              eventsError: z.string().optional(),
              logs: z
                .object({
                  container: z.string(),
                  previous: z.boolean(),
                  lines: z.array(z.string()),
                })
                .optional(),
              logsOmitted: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const { entity, clusters } = await readEntityStatus(
        services,
        input.entityRef,
        credentials,
      );
      const matches = rowsOfNode(clusters, input.node, input.cluster);
      const logs = {
        allowed: await isAllowedOnEntity(
          services.permissions,
          credentials,
          daemonSetPodLogsReadPermission,
          entity,
        ),
        tailLines: input.tailLines ?? 20,
      };
      const diagnoses = await Promise.all(
        matches.map(m => diagnose(services, m, logs)),
      );
      return { output: { node: input.node, diagnoses } };
    },
  });
}
