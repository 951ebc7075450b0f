import { z } from 'zod';
import { eligibilityChecker } from '../status/eligibility';
import { KubeNode, KubePodSpec } from '../status/kubernetes';
import {
  buildAffinity,
  buildNodeSelector,
  buildTolerations,
} from '../wizard/manifests/podSpec';
import { buildResources } from '../wizard/manifests/resources';
import { pruneEmptySections } from '../wizard/emptySections';
import { zodIssuesToProblems } from '../wizard/problems';
import { parseQuantityString } from '../wizard/quantity';
import { daemonSetInputObject } from '../wizard/schema';
// Through the main entry point, so that the `/kubernetes` API report imports these.
import type {
  ParsedContainerInput,
  ParsedDaemonSetInput,
  PlacementExclusionKind,
  PlacementPreview,
  Problem,
} from '@daemonsets/plugin-daemonset-common';

const inputShape = daemonSetInputObject.shape;

// The generator's own field schemas, narrowed to what decides placement and requests; every
// other field of the (incomplete) form is ignored, not rejected. Its output is checked against
// the public `PlacementInput` type where `parsePlacementInput` returns it.
const placementInputSchema = z
  .object({
    hostNetwork: inputShape.hostNetwork,
    serverlessBursting: inputShape.serverlessBursting,
    scheduling: inputShape.scheduling
      .unwrap()
      .pick({ nodeSelector: true, nodeAffinity: true, tolerations: true })
      .strip()
      .optional(),
    containers: z
      .array(
        inputShape.containers.element
          .pick({ resources: true, gpu: true })
          .strip(),
      )
      .default([]),
  })
  .strip();

/**
 * The fields of a `DaemonSetInput` that decide where its pods run and what they request,
 * parsed by {@link parsePlacementInput}.
 *
 * @public
 */
export type PlacementInput = Pick<
  ParsedDaemonSetInput,
  'hostNetwork' | 'serverlessBursting'
> & {
  scheduling?: Pick<
    NonNullable<ParsedDaemonSetInput['scheduling']>,
    'nodeSelector' | 'nodeAffinity' | 'tolerations'
  >;
  containers: Array<Pick<ParsedContainerInput, 'resources' | 'gpu'>>;
};

/**
 * Reads the placement fields of a wizard form that may be incomplete: `hostNetwork`,
 * `serverlessBursting`, `scheduling.nodeSelector|nodeAffinity|tolerations` and each container's
 * `resources` and `gpu`, checked by the same schema as the generator's (untouched sections count
 * as absent, as there). Other fields, present or not, are ignored.
 *
 * @returns the parsed fields, or the problems with paths as the generator words them.
 * @public
 */
export function parsePlacementInput(raw: unknown): {
  input?: PlacementInput;
  problems: Problem[];
} {
  const parsed = placementInputSchema.safeParse(pruneEmptySections(raw ?? {}));
  return parsed.success
    ? { input: parsed.data, problems: [] }
    : { problems: zodIssuesToProblems(parsed.error.issues) };
}

/**
 * The scheduling part of the pod template the generator would produce for `input`: node selector
 * (with the GPU model label), required node affinity, tolerations (with serverless bursting's
 * virtual-kubelet one) and `hostNetwork`, built by the generator's own functions.
 *
 * @public
 */
export function placementPodSpec(input: PlacementInput): KubePodSpec {
  return {
    hostNetwork: input.hostNetwork ? true : undefined,
    nodeSelector: buildNodeSelector(input),
    affinity: buildAffinity(input),
    tolerations: buildTolerations(input),
  };
}

const NANO = 1_000_000_000n;

const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/** Base units (cores, bytes, counts) as the nearest number, exact for whole units. */
function fromNanos(nanos: bigint): number {
  return nanos <= MAX_EXACT
    ? Number(nanos) / 1e9
    : Number(nanos / NANO) + Number(nanos % NANO) / 1e9;
}

/**
 * What one pod requests, summed over its containers, in nano units: the requests the generator
 * writes (CPU and memory default to `DEFAULT_REQUESTS`), plus limits without a request (a GPU),
 * which Kubernetes takes as the request.
 */
function podRequestNanos(input: PlacementInput): Map<string, bigint> {
  const total = new Map<string, bigint>();
  for (const container of input.containers) {
    const { requests, limits = {} } = buildResources(container);
    const effective = { ...limits, ...requests };
    for (const [name, text] of Object.entries(effective)) {
      const quantity = parseQuantityString(text);
      if (quantity) {
        total.set(name, (total.get(name) ?? 0n) + quantity.nanos);
      }
    }
  }
  return total;
}

/** Taint keys Kubernetes itself sets for a node's state (NotReady, cordoned, pressure...). */
const NODE_STATE_TAINT_PREFIXES = [
  'node.kubernetes.io/',
  'node.cloudprovider.kubernetes.io/',
];

/**
 * The kind of one eligibility reason, from the words `eligibilityChecker` uses: taints Kubernetes
 * sets for the node's state count as `unschedulable`, other taints as `taint`.
 *
 * @public
 */
export function exclusionKindOf(reason: string): PlacementExclusionKind {
  if (reason.startsWith('nodeSelector ')) return 'nodeSelector';
  if (reason.startsWith('required node affinity')) return 'nodeAffinity';
  if (reason.startsWith('taint ')) {
    const key = reason.slice('taint '.length).split(/[=:]/, 1)[0];
    return NODE_STATE_TAINT_PREFIXES.some(prefix => key.startsWith(prefix))
      ? 'unschedulable'
      : 'taint';
  }
  return 'other';
}

/**
 * At most this many exclusion groups are listed by {@link previewPlacement}; the smallest are
 * merged per kind.
 *
 * @public
 */
export const MAX_EXCLUSION_GROUPS = 20;
const MAX_EXAMPLES = 5;

type Group = PlacementPreview['excluded'][number];

/** Keeps the alphabetically first `MAX_EXAMPLES` names. */
function addExample(examples: string[], name: string): void {
  if (examples.length === MAX_EXAMPLES && name >= examples[MAX_EXAMPLES - 1]) {
    return;
  }
  let i = examples.length;
  while (i > 0 && examples[i - 1] > name) i--;
  examples.splice(i, 0, name);
  if (examples.length > MAX_EXAMPLES) examples.pop();
}

const largestFirst = (a: Group, b: Group) =>
  b.count - a.count || (a.reason < b.reason ? -1 : Number(a.reason > b.reason));

/** Past {@link MAX_EXCLUSION_GROUPS}, merges the smallest groups into one per kind. */
function capGroups(groups: Group[]): Group[] {
  groups.sort(largestFirst);
  if (groups.length <= MAX_EXCLUSION_GROUPS) {
    return groups;
  }
  const kept = groups.slice(0, MAX_EXCLUSION_GROUPS - 1);
  const merged = new Map<PlacementExclusionKind, Group & { reasons: number }>();
  for (const group of groups.slice(MAX_EXCLUSION_GROUPS - 1)) {
    const into = merged.get(group.kind);
    if (!into) {
      merged.set(group.kind, {
        ...group,
        examples: [...group.examples],
        reasons: 1,
      });
      continue;
    }
    into.count += group.count;
    into.reasons += 1;
    group.examples.forEach(name => addExample(into.examples, name));
  }
  for (const { reasons, ...group } of merged.values()) {
    kept.push(
      reasons === 1
        ? group
        : {
            ...group,
            reason: `${reasons} other reasons, e.g. ${group.reason}`,
          },
    );
  }
  return kept.sort(largestFirst);
}

/**
 * Where a DaemonSet with the placement fields of `input` would run on `nodes`, by the same
 * `eligibilityChecker` the entity tab uses, applied to the pod template the generator would
 * produce (`placementPodSpec`).
 *
 * @remarks
 * Excluded nodes are grouped by their full list of reasons (so a group reads exactly as the
 * tab's rows do), largest group first, with up to five node names (alphabetically first); the
 * kind is that of the first reason. Past `MAX_EXCLUSION_GROUPS` groups (a node selector on
 * a per-node label), the smallest are merged into one group per kind. A cordoned node stays
 * eligible, as for the DaemonSet controller. `cost.perPod` sums the containers' requests
 * (none without containers); `cost.fleet` is that times the eligible nodes. Linear in nodes.
 *
 * @public
 */
export function previewPlacement(
  nodes: readonly KubeNode[],
  input: PlacementInput,
): Omit<PlacementPreview, 'cluster' | 'observedAt'> {
  const check = eligibilityChecker({
    spec: { template: { spec: placementPodSpec(input) } },
  });
  let eligibleNodes = 0;
  const groups = new Map<string, Group>();
  for (const node of nodes) {
    const { eligible, reasons } = check(node);
    if (eligible) {
      eligibleNodes++;
      continue;
    }
    const reason = reasons.join('; ');
    let group = groups.get(reason);
    if (!group) {
      group = {
        kind: exclusionKindOf(reasons[0]),
        reason,
        count: 0,
        examples: [],
      };
      groups.set(reason, group);
    }
    group.count++;
    addExample(group.examples, node.metadata?.name ?? '');
  }

  const perPod: Record<string, number> = {};
  const fleet: Record<string, number> = {};
  for (const [name, nanos] of podRequestNanos(input)) {
    perPod[name] = fromNanos(nanos);
    fleet[name] = fromNanos(nanos * BigInt(eligibleNodes));
  }
  return {
    totalNodes: nodes.length,
    eligibleNodes,
    excluded: capGroups([...groups.values()]),
    cost: { perPod, fleet },
  };
}
