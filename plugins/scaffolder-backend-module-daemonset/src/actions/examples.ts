import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

const step = (value: object): string => stringify({ steps: [value] });

/** Examples shown for `daemonset:generate` in the actions page. */
export const generateExamples: TemplateExample[] = [
  {
    description: 'Generate a node agent DaemonSet with one container',
    example: step({
      id: 'generate',
      action: 'daemonset:generate',
      name: 'Generate the manifests',
      input: {
        name: 'log-agent',
        namespace: 'daemonset-demo',
        cluster: 'local',
        containers: [
          {
            name: 'agent',
            image: 'ghcr.io/acme/log-agent',
            tag: '1.4.2',
            resources: { requests: { cpu: 0.25, memory: '512Mi' } },
          },
        ],
      },
    }),
  },
  {
    description:
      'Pass the whole wizard and write the manifests to a chosen file',
    example: step({
      id: 'generate',
      action: 'daemonset:generate',
      name: 'Generate the manifests',
      input: {
        name: '${{ parameters.name }}',
        namespace: '${{ parameters.namespace }}',
        cluster: '${{ parameters.cluster }}',
        timezoneSync: '${{ parameters.timezoneSync }}',
        containers: '${{ parameters.containers }}',
        services: '${{ parameters.services }}',
        filePath: 'deploy/${{ parameters.name }}.yaml',
      },
    }),
  },
];

/** Examples shown for `daemonset:apply` in the actions page. */
export const applyExamples: TemplateExample[] = [
  {
    description:
      'Apply the generated manifests and wait until every node runs the new pod',
    example: step({
      id: 'apply',
      action: 'daemonset:apply',
      name: 'Deploy',
      if: '${{ not steps.generate.output.approvalRequired }}',
      input: {
        cluster: '${{ parameters.cluster }}',
        manifest: '${{ steps.generate.output.manifest }}',
        waitForRollout: true,
        timeoutSeconds: 600,
      },
    }),
  },
  {
    description:
      'Validate a manifest file from the workspace with a server-side dry run',
    example: step({
      id: 'check',
      action: 'daemonset:apply',
      name: 'Server-side dry run',
      input: {
        cluster: 'local',
        filePath: 'manifests/local/default/log-agent.yaml',
        dryRun: true,
      },
    }),
  },
];

/** Examples shown for `daemonset:request-approval` in the actions page. */
export const requestApprovalExamples: TemplateExample[] = [
  {
    description:
      'File the generated manifests for the platform team when the policy holds them for approval',
    example: step({
      id: 'request-approval',
      action: 'daemonset:request-approval',
      name: 'Ask the platform team for approval',
      if: "${{ steps.generate.output.approvalRequired and steps.generate.output.approvalMode == 'portal' }}",
      input: {
        cluster: '${{ parameters.cluster }}',
        namespace: '${{ parameters.namespace }}',
        name: '${{ parameters.name }}',
        entityRef: '${{ steps.generate.output.entityRef }}',
        manifest: '${{ steps.generate.output.manifest }}',
      },
    }),
  },
  {
    description: 'File a ready-made manifest for approval',
    example: step({
      id: 'request-approval',
      action: 'daemonset:request-approval',
      name: 'Ask the platform team for approval',
      input: {
        cluster: 'local',
        namespace: 'monitoring',
        name: 'node-exporter',
        manifest: '${{ steps.fetch.output.manifest }}',
      },
    }),
  },
];
