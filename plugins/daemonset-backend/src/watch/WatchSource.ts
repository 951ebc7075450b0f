import {
  V1ControllerRevision,
  V1DaemonSet,
  V1Node,
  V1Pod,
} from '@kubernetes/client-node';
import type { WatchCache } from './WatchCache';

/** The collections the plugin watches. @internal */
export interface WatchedKinds {
  nodes: V1Node;
  daemonsets: V1DaemonSet;
  pods: V1Pod;
  controllerrevisions: V1ControllerRevision;
}

/** @internal */
export type WatchedKind = keyof WatchedKinds;

/**
 * Where a {@link DaemonSetGroup} gets its shared, reference-counted caches from.
 *
 * @remarks
 * The group depends on this interface rather than on `ClusterWatches`, which creates groups:
 * that keeps the two modules free of an import circle.
 *
 * @internal
 */
export interface WatchSource {
  /** A started cache of `kind` objects; call {@link WatchSource.release} when done. */
  acquire<K extends WatchedKind>(
    kind: K,
    namespace?: string,
    labelSelector?: string,
  ): WatchCache<WatchedKinds[K]>;
  /** Releases a cache from {@link WatchSource.acquire}. */
  release(cache: WatchCache<any>): void;
}
