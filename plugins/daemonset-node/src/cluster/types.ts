/**
 * One cluster the plugins may read or write, with its credentials. Never leaves the backend.
 *
 * @public
 */
export interface ClusterDefinition {
  name: string;
  title?: string;
  url: string;
  serviceAccountToken?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}
