import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layout } from './paths.ts';

/**
 * Workers kwok runs for each kind of job (its defaults: 4 stage players for pods and for nodes, 4
 * lease renewers, 1 pods-on-node lister). Each worker waits for its API request; on a loaded
 * 2-core machine a patch can take seconds, so 4 workers cap a 5000-node fleet at a few nodes or
 * pods a second. More workers keep requests in flight without adding work.
 */
export const KWOK_PARALLELISM = {
  podPlayStageParallelism: 32,
  nodePlayStageParallelism: 16,
  nodeLeaseParallelism: 16,
  podsOnNodeSyncParallelism: 4,
} as const;

/**
 * kwok applies its defaults only when no KwokConfiguration is given; a given one starts from
 * zero values (e.g. debugging handlers off, so the API server's pod log requests get 405). These
 * restate kwok v0.8.0's defaults for the options its flags do not set.
 */
export const KWOK_DEFAULTS = {
  enableDebuggingHandlers: true,
  enableContentionProfiling: false,
  enableProfilingHandler: true,
  enablePodsOnNodeSyncListPager: true,
  enablePodsOnNodeSyncStreamWatch: false,
} as const;

/** The KwokConfiguration document (YAML): {@link KWOK_DEFAULTS} and {@link KWOK_PARALLELISM}. */
export function kwokConfiguration(): string {
  return [
    'apiVersion: config.kwok.x-k8s.io/v1alpha1',
    'kind: KwokConfiguration',
    'options:',
    ...Object.entries({ ...KWOK_DEFAULTS, ...KWOK_PARALLELISM }).map(
      ([k, v]) => `  ${k}: ${v}`,
    ),
    '',
  ].join('\n');
}

/** Writes the configuration under the cluster home; returns its path for `--config`. */
export function ensureKwokConfig(l: Layout): string {
  const dir = join(l.home, 'kwok');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'kwok-configuration.yaml');
  writeFileSync(path, kwokConfiguration());
  return path;
}
