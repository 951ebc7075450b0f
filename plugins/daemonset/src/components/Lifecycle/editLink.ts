import { DaemonSetLifecycleState } from '@daemonsets/plugin-daemonset-common';

/** Where the app serves the DaemonSet template (the scaffolder at `/create`). */
export const DAEMONSET_TEMPLATE_PATH = '/create/templates/default/daemonset';

/** A CPU quantity as the form's number of cores: `250m` → 0.25, `2` → 2; others unchanged. */
function cores(quantity: unknown): unknown {
  if (typeof quantity !== 'string') return quantity;
  const milli = /^(\d+(?:\.\d+)?)m$/.exec(quantity);
  if (milli) return Number(milli[1]) / 1000;
  return /^\d+(?:\.\d+)?$/.test(quantity) ? Number(quantity) : quantity;
}

type Resources = Record<string, Record<string, unknown> | undefined>;

/**
 * The input as the template's form holds it: the form asks for CPU in cores (a number) where
 * the input, like Kubernetes, carries a quantity (`250m`).
 */
export function toFormData(
  input: DaemonSetLifecycleState['input'],
): Record<string, unknown> {
  const copy = structuredClone(input) as unknown as {
    containers?: Array<{ resources?: Resources }>;
  };
  for (const container of copy.containers ?? []) {
    for (const kind of ['requests', 'limits']) {
      const resources = container.resources?.[kind];
      if (resources && 'cpu' in resources) resources.cpu = cores(resources.cpu);
    }
  }
  return copy as Record<string, unknown>;
}

/**
 * The template's URL pre-filled with what runs: the scaffolder reads its `formData` query
 * parameter as the form's initial values; `baseRevision` makes the apply refuse a stale edit.
 */
export function editLink(
  state: Pick<DaemonSetLifecycleState, 'input' | 'baseRevision'>,
  templatePath: string = DAEMONSET_TEMPLATE_PATH,
): string {
  const formData = {
    ...toFormData(state.input),
    baseRevision: state.baseRevision,
  };
  return `${templatePath}?formData=${encodeURIComponent(
    JSON.stringify(formData),
  )}`;
}
