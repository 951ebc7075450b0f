export { LiveIndicator, liveIndicatorText } from './LiveIndicator';
export type { LiveIndicatorProps } from './LiveIndicator';
