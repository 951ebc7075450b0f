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
}
