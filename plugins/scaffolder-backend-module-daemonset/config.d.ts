export interface Config {
  daemonset?: {
    /**
     * The platform's rules for risky DaemonSet choices. `daemonset:generate` turns `deny` rules
     * into input errors and `requireApproval` rules into `approvalRequired`; `daemonset:apply`
     * refuses manifests that need approval. Keys left out keep their defaults. An invalid value
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
      };
      /**
       * Registries (`ghcr.io`) or registry paths (`ghcr.io/acme`) images may come from; an
       * empty list (the default) allows every registry.
       */
      allowedRegistries?: {
        decision?: 'allow' | 'requireApproval' | 'deny';
        registries?: string[];
      };
    };
  };
}
