/**
 * Types, wizard input schema, validation, manifest builder and per-node status model shared by
 * the DaemonSet plugins. Runs in the browser and in Node.
 *
 * @packageDocumentation
 */

export * from './approvals';
export * from './catalog';
export * from './lifecycle';
export * from './permissions';
export * from './retry';
export * from './selectors';
export * from './status';
export * from './wizard';
export * from './troubleshooting';
export * from './wizardApi';
