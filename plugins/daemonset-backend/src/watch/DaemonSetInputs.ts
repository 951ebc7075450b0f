import {
  LabelRequirement,
  matchesLabelRequirements,
  parseLabelSelector,
  structuredSelectorToString,
} from '@daemonsets/plugin-daemonset-common';
import { NodeRowCache } from '@daemonsets/plugin-daemonset-common/kubernetes';
import {
  KubernetesObject,
  V1ControllerRevision,
  V1DaemonSet,
  V1Pod,
} from '@kubernetes/client-node';
import { daemonSetPodsSelector } from './daemonSetPods';
import { WatchCache } from './WatchCache';
import type { WatchSource } from './WatchSource';

/** Where the pods and ControllerRevisions of one DaemonSet are read from. @internal */
export interface PodInputs {
  /** The DaemonSet's canonical `spec.selector`. */
  readonly selector: string;
  /** True: read from the entity's caches, narrowed in memory; false: from its own caches. */
  readonly shared: boolean;
  readonly pods: WatchCache<V1Pod>;
  readonly revisions: WatchCache<V1ControllerRevision>;
  readonly rowCache: NodeRowCache;
  /** The DaemonSet's pods, as the API server would list them with its selector. */
  podList(): readonly V1Pod[];
  /** The DaemonSet's ControllerRevisions, likewise. */
  revisionList(): readonly V1ControllerRevision[];
}

interface Held extends PodInputs {
  unsubscribe: Array<() => void>;
}

/**
 * The pod and ControllerRevision caches of a group's DaemonSets.
 *
 * @remarks
 * Pods and ControllerRevisions are listed by the entity's own label selector as soon as the
 * group starts, beside its nodes and DaemonSets (one round trip for the first answer, not two),
 * and one cache of each serves every DaemonSet of the entity: a DaemonSet's pods and revisions
 * are narrowed from it in memory with the DaemonSet's `spec.selector`. That holds for a
 * DaemonSet whose pod template carries labels matching the entity's selector (the controller
 * copies the template labels onto its pods and revisions). A DaemonSet whose template does not
 * (only its own metadata carries the entity's labels) gets caches of its own, listed by its
 * `spec.selector` in its namespace, as before. Pods relabelled by hand away from the entity's
 * selector while still matching the DaemonSet's are the one case the shared caches miss. Pods are
 * read with `controller-revision-hash` added to the selector (the controller labels every pod
 * it makes; a pod it did not make is not the DaemonSet's), so that their first list can come
 * from the cluster's held DaemonSet pods (`ClusterWatches.holdDaemonSetPods`).
 *
 * @internal
 */
export class DaemonSetInputs {
  private readonly inputs = new Map<string, Held>();
  private readonly entityRequirements: LabelRequirement[];
  private entityPods?: WatchCache<V1Pod>;
  private entityRevisions?: WatchCache<V1ControllerRevision>;
  private sharedUnsubscribe: Array<() => void> = [];

  constructor(
    private readonly watches: WatchSource,
    private readonly namespace: string | undefined,
    private readonly labelSelector: string,
    private readonly changed: () => void,
  ) {
    this.entityRequirements = parseLabelSelector(labelSelector);
  }

  /** Starts the entity's pod and revision lists, before any DaemonSet is known. */
  start(): void {
    this.acquireShared();
  }

  /** The caches the first answer waits for besides nodes and DaemonSets. */
  get sharedCaches(): WatchCache<KubernetesObject>[] {
    return this.entityPods && this.entityRevisions
      ? [this.entityPods, this.entityRevisions]
      : [];
  }

  /** The DaemonSets' own caches (those not served by the shared ones). */
  get ownCaches(): WatchCache<KubernetesObject>[] {
    return [...this.inputs.values()]
      .filter(i => !i.shared)
      .flatMap(i => [i.pods, i.revisions]);
  }

  get(uid: string): PodInputs | undefined {
    return this.inputs.get(uid);
  }

  values(): PodInputs[] {
    return [...this.inputs.values()];
  }

  /**
   * Matches the caches to `daemonSets` as listed now; once they are `listed`, the shared caches
   * are released when no DaemonSet uses them.
   */
  reconcile(daemonSets: readonly V1DaemonSet[], listed: boolean): string[] {
    const gone: string[] = [];
    const wanted = new Set<string>();
    for (const daemonSet of daemonSets) {
      const uid = daemonSet.metadata?.uid;
      const selector = structuredSelectorToString(daemonSet.spec?.selector);
      if (!uid || !selector) continue;
      wanted.add(uid);
      const shared = this.carriesEntityLabels(daemonSet);
      const existing = this.inputs.get(uid);
      if (
        existing &&
        (existing.selector !== selector || existing.shared !== shared)
      ) {
        this.release(uid);
      }
      if (!this.inputs.has(uid)) {
        this.acquire(
          uid,
          daemonSet.metadata?.namespace ?? '',
          selector,
          shared,
        );
      }
    }
    for (const uid of [...this.inputs.keys()]) {
      if (!wanted.has(uid)) {
        this.release(uid);
        gone.push(uid);
      }
    }
    if (listed && ![...this.inputs.values()].some(i => i.shared)) {
      this.releaseShared();
    }
    return gone;
  }

  stop(): void {
    for (const uid of [...this.inputs.keys()]) this.release(uid);
    this.releaseShared();
  }

  private carriesEntityLabels(daemonSet: V1DaemonSet): boolean {
    return matchesLabelRequirements(
      this.entityRequirements,
      daemonSet.spec?.template?.metadata?.labels ?? {},
    );
  }

  private acquire(
    uid: string,
    namespace: string,
    selector: string,
    shared: boolean,
  ): void {
    if (shared) {
      const { pods, revisions } = this.acquireShared();
      const requirements = parseLabelSelector(selector);
      const narrow = <T extends KubernetesObject>(cache: WatchCache<T>) => {
        let memo: { version: number; items: readonly T[] } | undefined;
        return (): readonly T[] => {
          if (memo?.version !== cache.version) {
            memo = {
              version: cache.version,
              items: cache
                .list()
                .filter(
                  o =>
                    o.metadata?.namespace === namespace &&
                    matchesLabelRequirements(
                      requirements,
                      o.metadata?.labels ?? {},
                    ),
                ),
            };
          }
          return memo.items;
        };
      };
      this.inputs.set(uid, {
        selector,
        shared,
        pods,
        revisions,
        rowCache: new NodeRowCache(),
        podList: narrow(pods),
        revisionList: narrow(revisions),
        unsubscribe: [],
      });
      return;
    }
    const pods = this.watches.acquire(
      'pods',
      namespace,
      daemonSetPodsSelector(selector),
    );
    const revisions = this.watches.acquire(
      'controllerrevisions',
      namespace,
      selector,
    );
    this.inputs.set(uid, {
      selector,
      shared,
      pods,
      revisions,
      rowCache: new NodeRowCache(),
      podList: () => pods.list(),
      revisionList: () => revisions.list(),
      unsubscribe: [
        pods.onChange(this.changed),
        revisions.onChange(this.changed),
      ],
    });
  }

  private release(uid: string): void {
    const input = this.inputs.get(uid);
    if (!input) return;
    this.inputs.delete(uid);
    if (input.shared) return;
    input.unsubscribe.forEach(u => u());
    this.watches.release(input.pods);
    this.watches.release(input.revisions);
  }

  private acquireShared(): {
    pods: WatchCache<V1Pod>;
    revisions: WatchCache<V1ControllerRevision>;
  } {
    if (!this.entityPods || !this.entityRevisions) {
      this.entityPods = this.watches.acquire(
        'pods',
        this.namespace,
        daemonSetPodsSelector(this.labelSelector),
      );
      this.entityRevisions = this.watches.acquire(
        'controllerrevisions',
        this.namespace,
        this.labelSelector,
      );
      this.sharedUnsubscribe = [
        this.entityPods.onChange(this.changed),
        this.entityRevisions.onChange(this.changed),
      ];
    }
    return { pods: this.entityPods, revisions: this.entityRevisions };
  }

  private releaseShared(): void {
    this.sharedUnsubscribe.forEach(u => u());
    this.sharedUnsubscribe = [];
    if (this.entityPods) this.watches.release(this.entityPods);
    if (this.entityRevisions) this.watches.release(this.entityRevisions);
    this.entityPods = undefined;
    this.entityRevisions = undefined;
  }
}
