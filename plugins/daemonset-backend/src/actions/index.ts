import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ActionServices } from './entityStatus';
import { registerExplainFailingNodeAction } from './explainFailingNodeAction';
import { registerExplainMissingPodAction } from './explainMissingPodAction';
import { registerStatusSummaryAction } from './statusSummaryAction';
import { registerValidateInputAction } from './validateInputAction';

export type { ActionServices } from './entityStatus';

/**
 * Registers the plugin's actions for agents (`daemonset:get-status`,
 * `daemonset:explain-missing-pod`, `daemonset:explain-failing-node`,
 * `daemonset:validate-input`). Each runs with the caller's credentials and the routes' checks.
 *
 * @internal
 */
export function registerDaemonSetActions(
  registry: ActionsRegistryService,
  services: ActionServices,
): void {
  registerStatusSummaryAction(registry, services);
  registerExplainMissingPodAction(registry, services);
  registerExplainFailingNodeAction(registry, services);
  registerValidateInputAction(registry, services);
}
