/**
 * Scaffolder actions that generate, validate and apply DaemonSet manifests.
 *
 * @packageDocumentation
 */

export { scaffolderModuleDaemonSet as default } from './module';
export * from './actions';
