export { NodeRowDetail } from './NodeRowDetail';
export type { NodeRowDetailProps, PodEventInfo } from './NodeRowDetail';
