import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';

/** Settings of the degradation notifications (`daemonset.notifications.degraded`). @internal */
export interface DegradationOptions {
  enabled: boolean;
  /** Degraded when fewer than this share of the desired pods are ready (0..1). */
  readyShare: number;
  /** How long a condition must last before it counts, in milliseconds. */
  gracePeriodMs: number;
  /** How often the monitor evaluates every entity, in milliseconds. */
  intervalMs: number;
}

const KEY = 'daemonset.notifications.degraded';

function durationMs(config: Config, key: string, fallbackMs: number): number {
  return config.has(key)
    ? durationToMilliseconds(readDurationFromConfig(config, { key }))
    : fallbackMs;
}

/**
 * Reads `daemonset.notifications.degraded`: `enabled` (default false), `readyShare` (default
 * 0.9), `gracePeriod` (default 5 minutes) and `interval` (default 1 minute).
 *
 * @throws Error naming the key when `readyShare` is outside 0..1.
 * @internal
 */
export function readDegradationOptions(config: Config): DegradationOptions {
  const readyShare = config.getOptionalNumber(`${KEY}.readyShare`) ?? 0.9;
  if (!(readyShare >= 0 && readyShare <= 1)) {
    throw new Error(
      `Invalid config at ${KEY}.readyShare: ${readyShare} is not a number from 0 to 1`,
    );
  }
  const intervalMs = durationMs(config, `${KEY}.interval`, 60_000);
  if (intervalMs < 1000) {
    throw new Error(
      `Invalid config at ${KEY}.interval: it must be at least 1 second`,
    );
  }
  return {
    enabled: config.getOptionalBoolean(`${KEY}.enabled`) ?? false,
    readyShare,
    gracePeriodMs: durationMs(config, `${KEY}.gracePeriod`, 5 * 60_000),
    intervalMs,
  };
}
