import type { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import { daemonSetApiRef } from '../../../api';
import { dns1123Label } from '@daemonsets/plugin-daemonset-common/kubernetes';
import type { DaemonSetNamespacePickerUiOptions } from './DaemonSetNamespacePicker';

/**
 * Runs when the user presses Next: the namespace must be a DNS-1123 label, and the approval
 * policy must not deny DaemonSets in it (`protectedNamespaces` with `deny`). A namespace that
 * needs approval passes: the template then files an approval request instead of deploying.
 *
 * @public
 */
export const daemonSetNamespacePickerValidation: CustomFieldValidator<
  string,
  DaemonSetNamespacePickerUiOptions
> = async (value, validation, context) => {
  if (typeof value !== 'string' || value === '') return;
  if (!dns1123Label.test(value)) {
    validation.addError(`Namespace '${value}' ${dns1123Label.message}`);
    return;
  }
  const api = context.apiHolder.get(daemonSetApiRef);
  if (!api) return;
  let rule;
  try {
    rule = (await api.getApprovalPolicy()).protectedNamespaces;
  } catch {
    // The generate step applies the same policy and refuses the namespace there.
    return;
  }
  if (rule.decision === 'deny' && rule.namespaces.includes(value)) {
    validation.addError(
      `Namespace '${value}' is protected: the approval policy does not allow DaemonSets in it (protectedNamespaces: ${rule.namespaces.join(
        ', ',
      )})`,
    );
  }
};
