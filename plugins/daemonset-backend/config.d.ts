import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the DaemonSet plugins. */
  daemonset?: {
    /**
     * How long the watches of an entity's DaemonSets stay open after the last request and the
     * last live subscriber. Default 5 minutes.
     * @visibility backend
     */
    watchIdleTimeout?: HumanDuration | string;
    /**
     * How long a first request waits for a cluster's initial list before answering without
     * it (that cluster then reports its connection state and an error). Default 3 seconds.
     * @visibility backend
     */
    initialListTimeout?: HumanDuration | string;
    /**
     * An open watch that sees no event, not even a bookmark, for this long is restarted.
     * The API server sends a bookmark about every minute. Default 90 seconds.
     * @visibility backend
     */
    watchStallTimeout?: HumanDuration | string;
    /**
     * How long one watch request lasts before it is renewed (each watch picks a time between
     * this and 1.5 times this). The API server checks credentials only when a watch starts, so
     * this bounds how long a revoked token or permission goes unnoticed on a quiet cluster.
     * Default 5 minutes.
     * @visibility backend
     */
    watchTimeout?: HumanDuration | string;
    /** Notifications the plugin sends on its own. */
    notifications?: {
      /** Tells an entity's owner when one of its DaemonSets degrades, and when it recovers. */
      degraded?: {
        /**
         * Whether to watch the DaemonSets of every annotated catalog entity and notify. Default
         * false.
         * @visibility backend
         */
        enabled?: boolean;
        /**
         * Degraded when fewer than this share (0 to 1) of the desired pods are ready, outside a
         * rolling update within its maxUnavailable. Default 0.9.
         * @visibility backend
         */
        readyShare?: number;
        /**
         * How long a low ready share or a failing node must last before it counts. Default 5
         * minutes.
         * @visibility backend
         */
        gracePeriod?: HumanDuration | string;
        /**
         * How often every entity is evaluated. Default 1 minute.
         * @visibility backend
         */
        interval?: HumanDuration | string;
      };
    };
    /**
     * Read nodes, pods and the rest as a WatchList (a watch that first streams the current
     * objects, `sendInitialEvents`) where the API server offers it, else with a LIST. Default
     * false: a LIST in protobuf is gzip-compressed (a twentieth of the bytes; a watch stream is
     * not compressed) and was the faster first read at 5000 nodes (docs/benchmarks.md). A
     * WatchList keeps the client from holding a whole JSON list at once (`protobuf: false`).
     * @visibility backend
     */
    watchList?: boolean;
    /**
     * Read the initial lists of nodes, pods and ControllerRevisions in Kubernetes' protobuf
     * encoding, decoding only the fields the plugin keeps, instead of JSON: about a third of the
     * bytes, and the API server encodes it faster. An answer in JSON (a server or proxy without
     * protobuf) is read as JSON. Default true.
     * @visibility backend
     */
    protobuf?: boolean;
    /**
     * Whether the initial lists are asked for gzip-compressed. `auto` (the default) asks for gzip
     * unless the API server is on this machine (a loopback address) or is the cluster the backend
     * runs in (the `kubernetes` Service or `KUBERNETES_SERVICE_HOST`): there the bytes cost
     * nothing to carry, while compressing and inflating them cost about a third of a LIST's read
     * time at 5000 nodes, and the API server's CPU (docs/benchmarks.md). `gzip` always, `none`
     * never.
     * @visibility backend
     */
    listCompression?: 'auto' | 'gzip' | 'none';
    /**
     * Watch the nodes of every configured cluster from start-up to shutdown, as one shared cache,
     * instead of only while a status view or the wizard reads them. Every entity's first status
     * then waits only for its own DaemonSets, pods and revisions: the node list is the largest
     * part of a first answer (all nodes, whatever the entity). Costs one watch per cluster and the
     * trimmed nodes in memory (about 2 MiB per 1000 nodes). Default true.
     * @visibility backend
     */
    watchNodesFromStart?: boolean;
    /**
     * Watch every DaemonSet pod of each configured cluster (pods labelled
     * `controller-revision-hash`, all namespaces, StatefulSet pods included) from start-up to
     * shutdown, as one shared cache. An entity's first status then takes its pods from memory and
     * waits only for its DaemonSets and revisions. Costs one watch per cluster, list and watch
     * permission on pods in all namespaces (without it, each entity lists its own pods as before)
     * and the trimmed pods in memory (about 1 MiB per 1000 pods). Default true.
     * @visibility backend
     */
    watchDaemonSetPodsFromStart?: boolean;
    /**
     * Opens the status views of the most recently opened DaemonSet entities (recorded in the
     * plugin's database; else the catalogued ones) once the backend has started, so that their
     * first request is answered from memory. Pre-warmed views are kept until shutdown (not
     * evicted after `watchIdleTimeout`).
     */
    prewarm?: {
      /**
       * Whether to pre-warm (and record users' openings). Default false.
       * @visibility backend
       */
      enabled?: boolean;
      /**
       * The most entities pre-warmed, 1 to 1000. Default 50.
       * @visibility backend
       */
      maxEntities?: number;
    };
    /** Container logs read from the row detail. */
    logs?: {
      /**
       * Server-side maximum bytes of one log read, whatever the client asks (a followed log
       * ends there too). Default 1048576 (1 MiB).
       * @visibility backend
       */
      maxBytes?: number;
    };
  };
}
