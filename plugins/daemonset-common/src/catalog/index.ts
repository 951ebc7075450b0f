export { KUBERNETES_ANNOTATIONS } from './annotations';
