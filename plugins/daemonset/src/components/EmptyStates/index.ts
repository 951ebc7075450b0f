export {
  MissingAnnotationState,
  NoDaemonSetFoundState,
  StatusErrorState,
  describeError,
} from './EmptyStates';
