/**
 * Node.js code shared by the DaemonSet backend plugin and scaffolder module: cluster
 * configuration, authenticated Kubernetes clients and server-side apply.
 *
 * @packageDocumentation
 */

export * from './cluster';
export * from './apply';
export * from './daemonSets';
export * from './policy';
export * from './lifecycle';
