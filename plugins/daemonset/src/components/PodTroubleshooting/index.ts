export { PodTroubleshooting } from './PodTroubleshooting';
export type { PodTroubleshootingProps } from './PodTroubleshooting';
export { PodEventsPanel } from './PodEventsPanel';
export type { PodEventsPanelProps } from './PodEventsPanel';
export { PodLogsPanel } from './PodLogsPanel';
export type { PodLogsPanelProps } from './PodLogsPanel';
export { RestartPodButton } from './RestartPodButton';
export type {
  RestartPodButtonProps,
  RestartPodOutcome,
} from './RestartPodButton';
