import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/** The values of `daemonset.listCompression`. */
const LIST_COMPRESSIONS = ['auto', 'gzip', 'none'] as const;

/** Whether the initial lists are asked for gzip-compressed (`daemonset.listCompression`). @internal */
export type ListCompression = (typeof LIST_COMPRESSIONS)[number];

/** The plugin's settings under `daemonset`. @internal */
export interface PluginOptions {
  watchIdleTimeoutMs: number;
  initialListTimeoutMs: number;
  watchStallTimeoutMs: number;
  watchTimeoutMs: number;
  watchList: boolean;
  protobuf: boolean;
  listCompression: ListCompression;
  watchNodesFromStart: boolean;
  watchDaemonSetPodsFromStart: boolean;
}

function listCompressionOf(config: Config): ListCompression {
  const key = 'daemonset.listCompression';
  const value = config.getOptionalString(key) ?? 'auto';
  if (!(LIST_COMPRESSIONS as readonly string[]).includes(value)) {
    throw new InputError(
      `${key} must be one of ${LIST_COMPRESSIONS.join(', ')}; it is '${value}'`,
    );
  }
  return value as ListCompression;
}

function durationMs(config: Config, key: string, fallbackMs: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;
}

/**
 * Reads `daemonset.watchIdleTimeout` (default 5 minutes), `daemonset.initialListTimeout`
 * (default 3 seconds), `daemonset.watchStallTimeout` (default 90 seconds),
 * `daemonset.watchTimeout` (default 5 minutes), `daemonset.watchList` (default false),
 * `daemonset.protobuf`, `daemonset.watchNodesFromStart` and
 * `daemonset.watchDaemonSetPodsFromStart` (all three default true), `daemonset.listCompression`
 * (default `auto`).
 *
 * @internal
 */
export function readPluginOptions(config: Config): PluginOptions {
  return {
    watchIdleTimeoutMs: durationMs(
      config,
      'daemonset.watchIdleTimeout',
      5 * 60_000,
    ),
    initialListTimeoutMs: durationMs(
      config,
      'daemonset.initialListTimeout',
      3_000,
    ),
    watchStallTimeoutMs: durationMs(
      config,
      'daemonset.watchStallTimeout',
      90_000,
    ),
    watchTimeoutMs: durationMs(config, 'daemonset.watchTimeout', 5 * 60_000),
    watchList: config.getOptionalBoolean('daemonset.watchList') ?? false,
    protobuf: config.getOptionalBoolean('daemonset.protobuf') ?? true,
    listCompression: listCompressionOf(config),
    watchNodesFromStart:
      config.getOptionalBoolean('daemonset.watchNodesFromStart') ?? true,
    watchDaemonSetPodsFromStart:
      config.getOptionalBoolean('daemonset.watchDaemonSetPodsFromStart') ??
      true,
  };
}
