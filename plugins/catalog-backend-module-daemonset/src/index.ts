/**
 * A catalog backend module whose entity provider ingests the portal's DaemonSets of the
 * configured clusters as Components of type `daemonset`.
 *
 * @packageDocumentation
 */

export { catalogModuleDaemonSetEntityProvider as default } from './module';
