import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** The plugin's settings under `daemonset`. @internal */
export interface PluginOptions {
  watchIdleTimeoutMs: number;
  initialListTimeoutMs: number;
  watchStallTimeoutMs: number;
  watchTimeoutMs: number;
  watchList: boolean;
  protobuf: boolean;
  watchNodesFromStart: boolean;
  watchDaemonSetPodsFromStart: boolean;
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
 * `daemonset.watchDaemonSetPodsFromStart` (all three default true).
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
    watchNodesFromStart:
      config.getOptionalBoolean('daemonset.watchNodesFromStart') ?? true,
    watchDaemonSetPodsFromStart:
      config.getOptionalBoolean('daemonset.watchDaemonSetPodsFromStart') ??
      true,
  };
}
