export { DaemonSetSecretPicker } from './DaemonSetSecretPicker';
