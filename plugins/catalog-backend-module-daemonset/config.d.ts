import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /**
       * The DaemonSet entity provider: one provider per cluster of
       * `kubernetes.clusterLocatorMethods`, ingesting DaemonSets that carry the portal's
       * ownership annotation `daemonsets.dev/owner` as Components of type `daemonset`.
       */
      daemonset?: {
        /**
         * Full scan schedule; each run replaces the cluster's entities with what it lists. Runs on
         * one backend instance at a time. Default: every 10 minutes, timeout 3 minutes.
         * @visibility backend
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
        /**
         * Watch the DaemonSets and apply each change at once (delta mutations). Default true.
         * @visibility backend
         */
        watch?: boolean;
        /**
         * `spec.lifecycle` of the ingested Components. Default `production`.
         * @visibility backend
         */
        lifecycle?: string;
        /**
         * Also ingest DaemonSets WITHOUT the ownership annotation when they match all given
         * criteria. Left out (the default): none are. Their owner is `defaultOwner`.
         * @visibility backend
         */
        include?: {
          /** Cluster names; all configured clusters when left out. @visibility backend */
          clusters?: string[];
          /** Namespaces; all when left out. @visibility backend */
          namespaces?: string[];
          /** A Kubernetes label selector the DaemonSet's labels must match, e.g. `tier=node,team`. @visibility backend */
          labelSelector?: string;
          /** Owner entity reference for these DaemonSets. Default `group:default/platform-team`. @visibility backend */
          defaultOwner?: string;
        };
      };
    };
  };
}
