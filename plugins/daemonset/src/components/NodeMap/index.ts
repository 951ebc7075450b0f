export { NodeMap } from './NodeMap';
export type { NodeMapProps } from './NodeMap';
