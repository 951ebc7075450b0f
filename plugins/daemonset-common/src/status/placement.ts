import { KubeDaemonSet, KubeToleration } from './kubernetes';
import type { PlacementSummary } from '@daemonsets/plugin-daemonset-common';

/**
 * A toleration as one readable term, e.g. `dedicated=gpu:NoSchedule` or `*` (tolerates all).
 *
 * @public
 */
export function formatToleration(t: KubeToleration): string {
  const key = t.key ?? '';
  const operator = t.operator ?? 'Equal';
  let text = key === '' ? '*' : key;
  if (operator === 'Equal' && t.value) text += `=${t.value}`;
  else if (operator !== 'Equal' && operator !== 'Exists')
    text += ` ${operator} ${t.value ?? ''}`;
  if (t.effect) text += `:${t.effect}`;
  return text;
}

/**
 * The placement rules of a DaemonSet's pod template: node selector, tolerations (as the user
 * wrote them, without the ones the controller adds) and whether a required node affinity applies.
 *
 * @public
 */
export function summarisePlacement(daemonSet: KubeDaemonSet): PlacementSummary {
  const spec = daemonSet.spec?.template?.spec;
  const terms =
    spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms ?? [];
  return {
    nodeSelector: { ...(spec?.nodeSelector ?? {}) },
    tolerations: (spec?.tolerations ?? []).map(formatToleration),
    requiredNodeAffinity: terms.length > 0,
  };
}
