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
  };
}
