import type { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Cluster configuration in the shape of Backstage's Kubernetes plugin, so that a portal that
   * already has it needs nothing new. Only locator methods of type `config` are read.
   */
  kubernetes?: {
    clusterLocatorMethods?: Array<{
      /** @visibility frontend */
      type: string;
      clusters?: Array<{
        /**
         * The cluster's name, as templates and entities refer to it.
         * @visibility frontend
         */
        name: string;
        /** The API server URL. */
        url: string;
        /** @visibility frontend */
        title?: string;
        /** Only `serviceAccount` is supported. */
        authProvider?: string;
        /**
         * Bearer token of the service account the plugins act as.
         * @visibility secret
         */
        serviceAccountToken?: string;
        /**
         * Base64 PEM of the CA that signs the API server's certificate.
         * @visibility secret
         */
        caData?: string;
        /** Path to a PEM file of the CA. */
        caFile?: string;
        /** Skip TLS verification (never in production). */
        skipTLSVerify?: boolean;
      }>;
    }>;
  };
  daemonset?: {
    /**
     * The platform's rules for risky DaemonSet choices, read by the scaffolder module and the
     * backend plugin alike. `daemonset:generate` turns `deny` rules into input errors and
     * `requireApproval` rules into `approvalRequired`; `daemonset:apply` refuses manifests that
     * need approval; the backend plugin serves the policy to the wizard (`GET /policy`), which
     * runs the same validation in the browser. Keys left out keep their defaults. An invalid value
     * stops the backend at startup.
     *
     * Each decision is one of `allow`, `requireApproval` or `deny`.
     *
     * @visibility backend
     */
    policy?: {
      /** Containers with `privileged: true`. Default `requireApproval`. */
      privileged?: 'allow' | 'requireApproval' | 'deny';
      /** Pods on the node's network. Default `requireApproval`. */
      hostNetwork?: 'allow' | 'requireApproval' | 'deny';
      /**
       * hostPath volumes outside `allowedPathPrefixes`. Defaults: `requireApproval`,
       * `/etc/localtime` and `/var/log`.
       */
      hostPath?: {
        decision?: 'allow' | 'requireApproval' | 'deny';
        allowedPathPrefixes?: string[];
      };
      /**
       * Namespaces reserved to the platform. Defaults: `deny`, `kube-system`, `kube-public`,
       * `kube-node-lease`.
       */
      protectedNamespaces?: {
        decision?: 'allow' | 'requireApproval' | 'deny';
        namespaces?: string[];
        /**
         * Distinct approvers a request in a protected namespace needs when the decision is
         * `requireApproval`, e.g. 2 for `kube-system`. Default: `requiredApprovals`.
         */
        requiredApprovals?: number;
      };
      /**
       * Registries (`ghcr.io`) or registry paths (`ghcr.io/acme`) images may come from; an
       * empty list (the default) allows every registry.
       */
      allowedRegistries?: {
        decision?: 'allow' | 'requireApproval' | 'deny';
        registries?: string[];
      };
      /**
       * Distinct approvers a request needs when any rule requires approval (default 1); the
       * highest count among the rules a request meets wins. Nobody approves their own request.
       */
      requiredApprovals?: number;
    };
    /**
     * Approval of DaemonSets the policy holds for a human (`requireApproval`).
     */
    approval?: {
      /**
       * `portal` (default): the `daemonset:request-approval` action stores a request that the
       * platform team approves in the portal, and the backend applies it. `pull-request`: the
       * template opens a pull request instead (GitOps).
       *
       * @visibility frontend
       */
      mode?: 'portal' | 'pull-request';
      /**
       * How long a pending request waits before it expires: a duration string (`7d`, `PT12H`)
       * or an object such as `{ days: 7 }`. Default 7 days.
       */
      expireAfter?: string | HumanDuration;
      /**
       * Group entity ref notified of each new request, e.g. `group:default/platform-team`.
       */
      approversGroup?: string;
    };
  };
}
