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
    /**
     * The approval policy of the DaemonSet wizard (declared in full by
     * `@daemonsets/plugin-scaffolder-backend-module-daemonset`). This plugin serves it to the
     * wizard (`GET /policy`) and marks protected namespaces in the namespace picker; an invalid
     * value stops the backend at startup.
     * @visibility backend
     */
    policy?: {
      privileged?: 'allow' | 'requireApproval' | 'deny';
      hostNetwork?: 'allow' | 'requireApproval' | 'deny';
      hostPath?: {
        decision?: 'allow' | 'requireApproval' | 'deny';
        allowedPathPrefixes?: string[];
      };
      protectedNamespaces?: {
        decision?: 'allow' | 'requireApproval' | 'deny';
        namespaces?: string[];
      };
      allowedRegistries?: {
        decision?: 'allow' | 'requireApproval' | 'deny';
        registries?: string[];
      };
    };
  };
}
