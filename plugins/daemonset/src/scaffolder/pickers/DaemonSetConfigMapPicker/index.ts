export { DaemonSetConfigMapPicker } from './DaemonSetConfigMapPicker';
