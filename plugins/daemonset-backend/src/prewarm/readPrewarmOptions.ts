import { Config } from '@backstage/config';

/** The most views a pre-warm may open: each costs its DaemonSets' caches. @internal */
export const PREWARM_MAX_ENTITIES_LIMIT = 1000;

/** `daemonset.prewarm`, read and checked. @internal */
export interface PrewarmOptions {
  enabled: boolean;
  maxEntities: number;
}

/**
 * Reads `daemonset.prewarm`: off unless `enabled: true`; `maxEntities` defaults to 50.
 *
 * @throws Error naming `daemonset.prewarm.maxEntities` when it is not a whole number from 1 to
 * {@link PREWARM_MAX_ENTITIES_LIMIT}.
 * @internal
 */
export function readPrewarmOptions(config: Config): PrewarmOptions {
  const enabled =
    config.getOptionalBoolean('daemonset.prewarm.enabled') ?? false;
  const maxEntities =
    config.getOptionalNumber('daemonset.prewarm.maxEntities') ?? 50;
  if (
    !Number.isInteger(maxEntities) ||
    maxEntities < 1 ||
    maxEntities > PREWARM_MAX_ENTITIES_LIMIT
  ) {
    throw new Error(
      `Invalid config daemonset.prewarm.maxEntities: ${maxEntities} must be a whole number from 1 to ${PREWARM_MAX_ENTITIES_LIMIT}`,
    );
  }
  return { enabled, maxEntities };
}
