/**
 * Backend plugin for live per-node DaemonSet status.
 *
 * @packageDocumentation
 */

export { daemonSetPlugin as default } from './plugin';
