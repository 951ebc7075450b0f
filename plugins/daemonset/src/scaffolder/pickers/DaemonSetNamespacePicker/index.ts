export {
  DaemonSetNamespacePicker,
  describeNamespacePolicy,
  namespacePolicy,
  newNamespaceText,
} from './DaemonSetNamespacePicker';
export type { DaemonSetNamespacePickerUiOptions } from './DaemonSetNamespacePicker';
export { daemonSetNamespacePickerValidation } from './validation';
export { DaemonSetNamespacePickerSchema } from './schema';
