import type { ParsedDaemonSetInput } from '../schema';
import type { DaemonSetManifest } from '../types';
import {
  generatedObjectAnnotations,
  generatedPodAnnotations,
  objectLabels,
  selectorLabels,
  withUserAnnotations,
} from './metadata';
import { buildPodSpec } from './podSpec';

function buildUpdateStrategy(
  input: ParsedDaemonSetInput,
): DaemonSetManifest['spec']['updateStrategy'] {
  const strategy = input.updateStrategy;
  if (!strategy || strategy.type === 'OnDelete') {
    return { type: strategy?.type ?? 'RollingUpdate' };
  }
  const { maxUnavailable, maxSurge } = strategy;
  if (maxUnavailable === undefined && maxSurge === undefined) {
    return { type: 'RollingUpdate' };
  }
  return { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } };
}

/** Maps a valid, parsed wizard input to the `apps/v1` DaemonSet. */
export function buildDaemonSet(input: ParsedDaemonSetInput): DaemonSetManifest {
  const labels = objectLabels(input);
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels,
      annotations: withUserAnnotations(
        generatedObjectAnnotations(input),
        input,
      ),
    },
    spec: {
      selector: { matchLabels: selectorLabels(input) },
      updateStrategy: buildUpdateStrategy(input),
      minReadySeconds: input.minReadySeconds,
      template: {
        metadata: {
          labels: { ...labels },
          annotations: withUserAnnotations(
            generatedPodAnnotations(input),
            input,
          ),
        },
        spec: buildPodSpec(input),
      },
    },
  };
}
