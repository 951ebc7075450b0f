export { SummaryHeader } from './SummaryHeader';
export type { SummaryHeaderProps } from './SummaryHeader';
export { RolloutProgress, describeRollout } from './RolloutProgress';
export type { RolloutProgressProps } from './RolloutProgress';
