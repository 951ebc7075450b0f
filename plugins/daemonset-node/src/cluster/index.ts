export type { ClusterDefinition } from './types';
export { readClusterDefinitions } from './readClusterDefinitions';
export { kubeConfigFor } from './kubeConfigFor';
