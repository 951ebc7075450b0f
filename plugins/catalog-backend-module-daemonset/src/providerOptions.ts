import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  matchesLabelRequirements,
  parseLabelSelector,
} from '@daemonsets/plugin-daemonset-common';
import { isEntityRef } from './entityRefs';

const PREFIX = 'catalog.providers.daemonset';

/** A parsed label selector: a predicate over labels. */
export type LabelPredicate = (labels: Record<string, string>) => boolean;

/**
 * Parses a Kubernetes label selector into a predicate; an empty selector matches every label set.
 *
 * @throws Error naming `key` and the rule when the selector is malformed.
 */
export function labelPredicate(text: string, key: string): LabelPredicate {
  if (text.trim() === '') {
    return () => true;
  }
  try {
    const requirements = parseLabelSelector(text);
    return labels => matchesLabelRequirements(requirements, labels);
  } catch (error) {
    throw new Error(
      `${key} is not a valid label selector: ${(error as Error).message}`,
    );
  }
}

/** Which DaemonSets without ownership metadata are ingested too. */
export interface IncludeFilter {
  clusters?: string[];
  namespaces?: string[];
  labels: LabelPredicate;
  defaultOwner: string;
}

/** The provider's settings, read from `catalog.providers.daemonset`. */
export interface ProviderOptions {
  schedule: SchedulerServiceTaskScheduleDefinition;
  watch: boolean;
  lifecycle: string;
  /** Undefined: only DaemonSets with ownership metadata. */
  include?: IncludeFilter;
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 10 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 15 },
};

/**
 * Reads `catalog.providers.daemonset`.
 *
 * @throws Error naming the key when a value breaks its rule: a configuration mistake, found at
 * start-up, not a bad request (so not an `InputError`).
 */
export function readProviderOptions(
  config: Config,
  clusterNames: readonly string[],
): ProviderOptions {
  const root = config.getOptionalConfig(PREFIX);
  const scheduleConfig = root?.getOptionalConfig('schedule');
  const includeConfig = root?.getOptionalConfig('include');
  let include: IncludeFilter | undefined;
  if (includeConfig) {
    const clusters = includeConfig.getOptionalStringArray('clusters');
    const unknown = clusters?.filter(c => !clusterNames.includes(c)) ?? [];
    if (unknown.length > 0) {
      throw new Error(
        `${PREFIX}.include.clusters names clusters that are not configured under kubernetes.clusterLocatorMethods: ${unknown.join(
          ', ',
        )}`,
      );
    }
    const defaultOwner =
      includeConfig.getOptionalString('defaultOwner') ??
      'group:default/platform-team';
    if (!isEntityRef(defaultOwner, 'group')) {
      throw new Error(
        `${PREFIX}.include.defaultOwner must be an entity reference such as group:default/platform-team, got '${defaultOwner}'`,
      );
    }
    include = {
      clusters,
      namespaces: includeConfig.getOptionalStringArray('namespaces'),
      labels: labelPredicate(
        includeConfig.getOptionalString('labelSelector') ?? '',
        `${PREFIX}.include.labelSelector`,
      ),
      defaultOwner,
    };
  }
  return {
    schedule: scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_SCHEDULE,
    watch: root?.getOptionalBoolean('watch') ?? true,
    lifecycle: root?.getOptionalString('lifecycle') ?? 'production',
    include,
  };
}
