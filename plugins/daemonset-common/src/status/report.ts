import { eligibilityChecker } from './eligibility';
import {
  isOwnedBy,
  KubeControllerRevision,
  KubeDaemonSet,
  KubeNode,
  KubePod,
  toIsoTime,
  toMillis,
} from './kubernetes';
import { podNodeName, summarisePod } from './pods';
import { currentRevisionOf } from './revisions';
// Through the package's main entry point: the `/kubernetes` entry's API report shows these as
// imported from it rather than asking it to export them again.
import type {
  ConnectionState,
  DaemonSetStatusReport,
  DaemonSetSummary,
  Eligibility,
  NodeConditionInfo,
  NodeInfo,
  NodeRow,
  TaintInfo,
  Verdict,
} from '@daemonsets/plugin-daemonset-common';
import { NodeRowCache } from './rowCache';
import { compareNodeRows, compareStrings } from './rowOrder';
import { summarisePlacement } from './placement';
import { assessNode } from './verdict';

const KEY_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'node.kubernetes.io/instance-type',
  'nvidia.com/gpu.product',
  'accelerator',
  'cloud.google.com/gke-accelerator',
  'cloud.google.com/gke-nodepool',
  'eks.amazonaws.com/nodegroup',
  'karpenter.sh/nodepool',
  'kubernetes.azure.com/agentpool',
]);
const KEY_LABEL_PREFIXES = ['node-role.kubernetes.io/', 'daemonsets.dev/'];

const TEMPLATE_GENERATION_ANNOTATION =
  'deprecated.daemonset.template.generation';

/**
 * The input of {@link buildDaemonSetStatusReport}: one DaemonSet and what the backend's cache
 * holds of its cluster.
 *
 * @public
 */
export interface DaemonSetStatusInput {
  /** Name of the configured cluster. */
  cluster: string;
  /** The DaemonSet. */
  daemonSet: KubeDaemonSet;
  /** All nodes of the cluster. */
  nodes: readonly KubeNode[];
  /** The pods of the DaemonSet's namespace; pods it does not own are ignored. */
  pods: readonly KubePod[];
  /** The ControllerRevisions of the DaemonSet's namespace; others' are ignored. */
  revisions: readonly KubeControllerRevision[];
  /** The health of the connection to the cluster. */
  connection: ConnectionState;
  /** When the cache last changed; also the time verdicts are judged at (minReadySeconds...). */
  observedAt: string;
  /** Rows of earlier builds of this DaemonSet's report, to reuse those that did not change. */
  rowCache?: NodeRowCache;
}

/** The label keys the DaemonSet's placement rules read: shown beside the standard key labels. */
function placementLabelKeys(daemonSet: KubeDaemonSet): Set<string> {
  const spec = daemonSet.spec?.template?.spec;
  const keys = new Set(Object.keys(spec?.nodeSelector ?? {}));
  const terms =
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  for (const term of terms) {
    for (const expression of term.matchExpressions ?? []) {
      keys.add(expression.key);
    }
  }
  return keys;
}

function keyLabels(
  labels: { [key: string]: string } | undefined,
  extraKeys: ReadonlySet<string>,
): Record<string, string> {
  const result: Record<string, string> = {};
  if (!labels) {
    return result;
  }
  for (const [key, value] of Object.entries(labels)) {
    if (
      KEY_LABELS.has(key) ||
      extraKeys.has(key) ||
      key.startsWith(KEY_LABEL_PREFIXES[0]) ||
      key.startsWith(KEY_LABEL_PREFIXES[1])
    ) {
      result[key] = value;
    }
  }
  return result;
}

function conditionStatus(status: string): NodeConditionInfo['status'] {
  return status === 'True' || status === 'False' ? status : 'Unknown';
}

/**
 * Whether a node condition is worth showing: `Ready` when it is not `True`, and any other
 * condition (the pressure and problem-detector kind, where `True` is bad) when it is not `False`.
 */
function needsAttention(
  type: string,
  status: NodeConditionInfo['status'],
): boolean {
  return type === 'Ready' ? status !== 'True' : status !== 'False';
}

/**
 * The node part of a report row: readiness, cordon, key labels, taints and the conditions that
 * need attention (a healthy node has none; leaving the normal ones out halves the answer).
 *
 * @param extraLabelKeys - label keys to keep besides the standard ones (zone, region, instance
 *   type, arch, os, hostname, roles, node pools, accelerators)
 * @public
 */
export function summariseNode(
  node: KubeNode,
  extraLabelKeys: ReadonlySet<string> = new Set(),
): NodeInfo {
  const allConditions = node.status?.conditions ?? [];
  const conditions: NodeConditionInfo[] = allConditions
    .filter(c => needsAttention(c.type, conditionStatus(c.status)))
    .map(c => {
      const condition: NodeConditionInfo = {
        type: c.type,
        status: conditionStatus(c.status),
      };
      if (c.reason) condition.reason = c.reason;
      if (c.message) condition.message = c.message;
      const since = toIsoTime(c.lastTransitionTime);
      if (since) condition.lastTransitionTime = since;
      return condition;
    });
  const taints: TaintInfo[] = (node.spec?.taints ?? []).map(t => {
    const taint: TaintInfo = {
      key: t.key,
      effect: t.effect as TaintInfo['effect'],
    };
    if (t.value) taint.value = t.value;
    return taint;
  });
  return {
    name: node.metadata?.name ?? '',
    ready: allConditions.some(c => c.type === 'Ready' && c.status === 'True'),
    schedulable: node.spec?.unschedulable !== true,
    labels: keyLabels(node.metadata?.labels, extraLabelKeys),
    taints,
    conditions,
  };
}

/**
 * The node part of the rows of every DaemonSet on a node, by node object: DaemonSets whose
 * placement reads the same label keys share one (the rows are never mutated), so one more
 * DaemonSet on a fleet does not repeat what its nodes are.
 */
const nodeInfos = new WeakMap<
  KubeNode,
  { labelKeysId: string; info: NodeInfo }
>();

function sharedNodeInfo(
  node: KubeNode,
  labelKeys: ReadonlySet<string>,
  labelKeysId: string,
): NodeInfo {
  const known = nodeInfos.get(node);
  if (known?.labelKeysId === labelKeysId) return known.info;
  const info = summariseNode(node, labelKeys);
  nodeInfos.set(node, { labelKeysId, info });
  return info;
}

/**
 * One object for every equal eligibility of a build: most of a fleet's nodes are eligible, or not
 * for the same reasons (rows are never mutated, so they can share it).
 */
function eligibilityPool(): (eligibility: Eligibility) => Eligibility {
  const known = new Map<string, Eligibility>();
  return eligibility => {
    const key = [
      eligibility.eligible,
      eligibility.shouldContinueRunning,
      ...eligibility.reasons,
    ].join('\u0000');
    const shared = known.get(key);
    if (shared) return shared;
    known.set(key, eligibility);
    return eligibility;
  };
}

/**
 * The summary of a DaemonSet: its status counters, generation, update strategy and images.
 *
 * @remarks
 * The counters are the controller's (`status.*`); a missing `maxUnavailable`/`maxSurge` of a
 * RollingUpdate strategy reads as the API server's defaults, 1 and 0.
 *
 * @public
 */
export function summariseDaemonSet(
  daemonSet: KubeDaemonSet,
  currentRevision?: string,
): DaemonSetSummary {
  const meta = daemonSet.metadata ?? {};
  const spec = daemonSet.spec;
  const status = daemonSet.status ?? {};
  const podSpec = spec?.template?.spec;
  const images = new Set<string>();
  for (const c of [
    ...(podSpec?.initContainers ?? []),
    ...(podSpec?.containers ?? []),
  ]) {
    if (c.image) {
      images.add(c.image);
    }
  }
  const desired = status.desiredNumberScheduled ?? 0;
  const available = status.numberAvailable ?? 0;
  const strategyType =
    spec?.updateStrategy?.type === 'OnDelete' ? 'OnDelete' : 'RollingUpdate';
  const updateStrategy: DaemonSetSummary['updateStrategy'] =
    strategyType === 'OnDelete'
      ? { type: 'OnDelete' }
      : {
          type: 'RollingUpdate',
          maxUnavailable:
            spec?.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
          maxSurge: spec?.updateStrategy?.rollingUpdate?.maxSurge ?? 0,
        };
  const summary: DaemonSetSummary = {
    name: meta.name ?? '',
    namespace: meta.namespace ?? '',
    uid: meta.uid ?? '',
    generation: meta.generation ?? 0,
    observedGeneration: status.observedGeneration ?? 0,
    desired,
    current: status.currentNumberScheduled ?? 0,
    ready: status.numberReady ?? 0,
    updated: status.updatedNumberScheduled ?? 0,
    available,
    unavailable: status.numberUnavailable ?? Math.max(desired - available, 0),
    misscheduled: status.numberMisscheduled ?? 0,
    updateStrategy,
    images: [...images],
    placement: summarisePlacement(daemonSet),
  };
  if (currentRevision !== undefined) {
    summary.currentRevision = currentRevision;
  }
  const createdAt = toIsoTime(meta.creationTimestamp);
  if (createdAt) {
    summary.createdAt = createdAt;
  }
  return summary;
}

/** Newest non-deleting pod first, then newest deleting; ties by name. */
function displayOrder(a: KubePod, b: KubePod): number {
  const aDeleting = a.metadata?.deletionTimestamp ? 1 : 0;
  const bDeleting = b.metadata?.deletionTimestamp ? 1 : 0;
  if (aDeleting !== bDeleting) {
    return aDeleting - bDeleting;
  }
  const aCreated = toMillis(a.metadata?.creationTimestamp) || 0;
  const bCreated = toMillis(b.metadata?.creationTimestamp) || 0;
  if (aCreated !== bCreated) {
    return bCreated - aCreated;
  }
  return compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? '');
}

function emptyCounts(): Record<Verdict, number> {
  return {
    failing: 0,
    missing: 0,
    misscheduled: 0,
    progressing: 0,
    ok: 0,
    notEligible: 0,
  };
}

/**
 * Builds the live status of one DaemonSet in one cluster: one row for every node of the
 * cluster, eligible or not.
 *
 * @remarks
 * - Only pods owned by the DaemonSet (an owner reference with its uid) count.
 * - A pod belongs to the row of its node (`spec.nodeName`) or, not yet scheduled, of the node
 *   the controller created it for (its node affinity on `metadata.name`). Pods with neither, or
 *   whose node is not in `nodes`, are listed in `unscheduledPods`.
 * - When a node has several pods (old and new during a surge rollout, pods being deleted), the
 *   row shows the newest pod not being deleted, and `extraPods` counts the others.
 * - Rows are sorted by `VERDICT_SEVERITY_ORDER`, then by node name; `counts` counts rows
 *   per verdict. Verdicts follow `assessNode`, judged at `observedAt` with the
 *   DaemonSet's `minReadySeconds`.
 * - Linear in nodes plus pods: pods are indexed by node name once.
 *
 * @public
 */
export function buildDaemonSetStatusReport(
  input: DaemonSetStatusInput,
): DaemonSetStatusReport {
  const { daemonSet } = input;
  const uid = daemonSet.metadata?.uid;
  const currentRevision = currentRevisionOf(daemonSet, input.revisions);
  const templateGeneration =
    daemonSet.metadata?.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  const checkEligibility = eligibilityChecker(daemonSet);
  const sharedEligibility = eligibilityPool();
  const labelKeys = placementLabelKeys(daemonSet);
  const labelKeysId = [...labelKeys].sort().join('\n');
  const context = {
    minReadySeconds: daemonSet.spec?.minReadySeconds ?? 0,
    now: input.observedAt,
  };

  const nodeNames = new Set<string>();
  for (const node of input.nodes) {
    nodeNames.add(node.metadata?.name ?? '');
  }
  const podsByNode = new Map<string, KubePod[]>();
  const withoutRow: KubePod[] = [];
  for (const pod of input.pods) {
    if (!isOwnedBy(pod.metadata, uid)) {
      continue;
    }
    const nodeName = podNodeName(pod);
    if (nodeName === undefined || !nodeNames.has(nodeName)) {
      withoutRow.push(pod);
      continue;
    }
    const list = podsByNode.get(nodeName);
    if (list) {
      list.push(pod);
    } else {
      podsByNode.set(nodeName, [pod]);
    }
  }

  const cache = input.rowCache;
  // minReadySeconds makes verdicts depend on the time, so rows are then only reused within it.
  cache?.useScope(
    [
      uid,
      daemonSet.metadata?.generation,
      currentRevision,
      templateGeneration,
      context.minReadySeconds > 0 ? context.now : '',
    ].join('|'),
  );
  const counts = emptyCounts();
  const rows: NodeRow[] = input.nodes.map(node => {
    const pods = podsByNode.get(node.metadata?.name ?? '');
    const cached = cache?.get(node, pods);
    if (cached) {
      counts[cached.verdict]++;
      return cached;
    }
    const nodeInfo = sharedNodeInfo(node, labelKeys, labelKeysId);
    const eligibility = sharedEligibility(checkEligibility(node));
    let pod;
    if (pods) {
      if (pods.length > 1) {
        pods.sort(displayOrder);
      }
      pod = summarisePod(pods[0], currentRevision, templateGeneration);
    }
    const { verdict, reason } = assessNode(eligibility, pod, nodeInfo, context);
    counts[verdict]++;
    const row: NodeRow = { node: nodeInfo, eligibility, verdict, reason };
    if (pod) {
      row.pod = pod;
    }
    if (pods && pods.length > 1) {
      row.extraPods = pods.length - 1;
    }
    cache?.set(node, pods, row);
    return row;
  });
  cache?.retain(nodeNames);
  rows.sort(compareNodeRows);

  return {
    cluster: input.cluster,
    daemonSet: summariseDaemonSet(daemonSet, currentRevision),
    nodes: rows,
    counts,
    unscheduledPods: withoutRow
      .sort(displayOrder)
      .map(pod => summarisePod(pod, currentRevision, templateGeneration)),
    connection: input.connection,
    observedAt: input.observedAt,
  };
}
