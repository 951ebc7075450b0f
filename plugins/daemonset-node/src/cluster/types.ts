/**
 * One cluster the plugins may read or write, with its credentials. Never leaves the backend.
 *
 * @public
 */
export interface ClusterDefinition {
  /** The cluster's name, as templates and entities refer to it. */
  name: string;
  /** Display name. */
  title?: string;
  /** The API server URL. */
  url: string;
  /** Bearer token of the service account the plugins act as. */
  serviceAccountToken?: string;
  /** Base64 PEM of the CA that signs the API server's certificate. */
  caData?: string;
  /** Path to a PEM file of the CA. */
  caFile?: string;
  /** Skip TLS verification (never in production). */
  skipTLSVerify: boolean;
}
