export { daemonSetInputFromManifests } from './fromManifest';
export type { ManifestInputResult } from './fromManifest';
export { formatFieldPath } from './keptFields';
export { withKeptFields } from './withKeptFields';
export type { KeptField } from './keptFields';
