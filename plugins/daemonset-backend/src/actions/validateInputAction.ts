import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { validateDaemonSetInput } from '@daemonsets/plugin-daemonset-common';
import { buildDaemonSetManifests } from '@daemonsets/plugin-daemonset-common/kubernetes';
import { ActionServices } from './entityStatus';

/**
 * Registers `daemonset:validate-input`: checks a wizard input with the same validator as the
 * wizard and the scaffolder action, and renders its manifests when valid. No cluster is called.
 *
 * @internal
 */
export function registerValidateInputAction(
  registry: ActionsRegistryService,
  services: Pick<ActionServices, 'policy'>,
): void {
  registry.register({
    name: 'validate-input',
    title: 'Validate and render a DaemonSet wizard input',
    description:
      'Checks a DaemonSet wizard input (the parameters of the DaemonSet software template: name, namespace, cluster, owner, containers, scheduling...) with the same rules as the wizard. Answers each problem with the field path and the rule broken; when valid, the manifests as YAML and whether the approval policy would hold it for approval, and why.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          input: z
            .record(z.any())
            .describe('The DaemonSetInput, as the wizard gathers it'),
        }),
      output: z =>
        z.object({
          valid: z.boolean(),
          problems: z.array(
            z.object({ path: z.string(), message: z.string() }),
          ),
          yaml: z.string().optional(),
          approvalRequired: z.boolean().optional(),
          approvalReasons: z.array(z.string()).optional(),
        }),
    },
    action: async ({ input }) => {
      const problems = validateDaemonSetInput(input.input, services.policy);
      if (problems.length > 0) {
        return { output: { valid: false, problems } };
      }
      const built = buildDaemonSetManifests(input.input, services.policy);
      return {
        output: {
          valid: true,
          problems: [],
          yaml: built.yaml,
          approvalRequired: built.approvalRequired,
          approvalReasons: built.approvalReasons,
        },
      };
    },
  });
}
