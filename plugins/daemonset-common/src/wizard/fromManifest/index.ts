export { daemonSetInputFromManifests } from './fromManifest';
export type { ManifestInputResult } from './fromManifest';
export { formatFieldPath, withKeptFields } from './keptFields';
export type { KeptField } from './keptFields';
