export {
  DaemonSetClusterPicker,
  describeConnection,
} from './DaemonSetClusterPicker';
export type { DaemonSetClusterPickerUiOptions } from './DaemonSetClusterPicker';
export { daemonSetClusterPickerValidation } from './validation';
export { DaemonSetClusterPickerSchema } from './schema';
