export { KeyedObjectPicker, missingObjectText } from './KeyedObjectPicker';
export type {
  KeyedObjectKind,
  KeyedObjectPickerUiOptions,
  KeyReferenceValue,
} from './KeyedObjectPicker';
export { keyedObjectPickerSchema } from './schema';
