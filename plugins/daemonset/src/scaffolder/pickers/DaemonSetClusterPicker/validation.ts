import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { daemonSetApiRef } from '../../../api';
import type { DaemonSetClusterPickerUiOptions } from './DaemonSetClusterPicker';

/**
 * Runs when the user presses Next: the cluster must be one configured in the portal. When the
 * list cannot be read the check is left to the deploy step, which rejects unknown names too.
 *
 * @public
 */
export const daemonSetClusterPickerValidation: CustomFieldValidator<
  string,
  DaemonSetClusterPickerUiOptions
> = async (value, validation, context) => {
  if (typeof value !== 'string' || value === '') return;
  const api = context.apiHolder.get(daemonSetApiRef);
  if (!api) return;
  let names: string[];
  try {
    names = (await api.listWizardClusters()).map(c => c.name);
  } catch {
    return;
  }
  if (!names.includes(value)) {
    validation.addError(
      `Cluster '${value}' is not configured in the portal; known: ${
        names.length > 0 ? names.join(', ') : 'none'
      }`,
    );
  }
};
