/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { baseInput, Case, expectProblem } from './testUtils';

function runCases(cases: Case[]): void {
  it.each(cases)('%s', (_description, input, path, message) => {
    expectProblem(input, path, message);
  });
}

describe('schema rules: services and strategy', () => {
  runCases([
    [
      'service names are DNS-1035 labels',
      baseInput({ services: [{ name: '1st', ports: [{ port: 80 }] }] }),
      'services[0].name',
      'must be a DNS-1035 label',
    ],
    [
      'service types are known',
      baseInput({
        services: [
          { name: 's', type: 'ExternalName' as never, ports: [{ port: 80 }] },
        ],
      }),
      'services[0].type',
      'must be one of: ClusterIP, NodePort, LoadBalancer, Headless',
    ],
    [
      'services have ports (an empty list counts as none)',
      baseInput({ services: [{ name: 's', ports: [] }] }),
      'services[0].ports',
      'is required',
    ],
    [
      'service ports are ports',
      baseInput({ services: [{ name: 's', ports: [{ port: 0 }] }] }),
      'services[0].ports[0].port',
      'must be at least 1',
    ],
    [
      'nodePorts are in 30000-32767',
      baseInput({
        services: [
          {
            name: 's',
            type: 'NodePort',
            ports: [{ port: 80, nodePort: 8080 }],
          },
        ],
      }),
      'services[0].ports[0].nodePort',
      'must be at least 30000',
    ],
    [
      'targetPorts are numbers or names',
      baseInput({
        services: [
          { name: 's', ports: [{ port: 80, targetPort: true as never }] },
        ],
      }),
      'services[0].ports[0].targetPort',
      'must be a port number (1-65535) or a named container port',
    ],
    [
      'strategy types are known',
      baseInput({ updateStrategy: { type: 'Recreate' as never } }),
      'updateStrategy.type',
      'must be one of: RollingUpdate, OnDelete',
    ],
    [
      'percentages are at most 100%',
      baseInput({ updateStrategy: { maxUnavailable: '150%' } }),
      'updateStrategy.maxUnavailable',
      "must be a percentage between '0%' and '100%'",
    ],
    [
      'maxSurge is not negative',
      baseInput({ updateStrategy: { maxSurge: -1 } }),
      'updateStrategy.maxSurge',
      'must be at least 0',
    ],
  ]);
});

describe('schema rules: scheduling, DNS, metrics, instrumentation', () => {
  const term = (expression: object) => ({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{ matchExpressions: [expression] }],
      },
    },
  });
  const expressionPath =
    'scheduling.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0]';
  runCases([
    [
      'nodeSelector keys are qualified names',
      baseInput({ scheduling: { nodeSelector: { 'a/b/c': 'x' } } }),
      'scheduling.nodeSelector["a/b/c"]',
      'must be a qualified name',
    ],
    [
      'nodeSelector values are label values',
      baseInput({ scheduling: { nodeSelector: { disk: 'fast ssd' } } }),
      'scheduling.nodeSelector.disk',
      'must be a label value',
    ],
    [
      'In needs values',
      baseInput({ scheduling: term({ key: 'k', operator: 'In' }) as never }),
      `${expressionPath}.values`,
      'must not be empty when operator is In',
    ],
    [
      'Exists takes no values',
      baseInput({
        scheduling: term({
          key: 'k',
          operator: 'Exists',
          values: ['x'],
        }) as never,
      }),
      `${expressionPath}.values`,
      'must be empty when operator is Exists',
    ],
    [
      'Gt takes one integer',
      baseInput({
        scheduling: term({ key: 'k', operator: 'Gt', values: ['x'] }) as never,
      }),
      `${expressionPath}.values`,
      'must be exactly one integer when operator is Gt',
    ],
    [
      'operators are known',
      baseInput({ scheduling: term({ key: 'k', operator: 'Like' }) as never }),
      `${expressionPath}.operator`,
      'must be one of: In, NotIn, Exists, DoesNotExist, Gt, Lt',
    ],
    [
      'preference weights are 1-100',
      baseInput({
        scheduling: {
          nodeAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 0, preference: {} },
            ],
          },
        },
      }),
      'scheduling.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight',
      'must be at least 1',
    ],
    [
      'pod affinity terms need a topologyKey',
      baseInput({
        scheduling: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'x' } } } as never,
            ],
          },
        },
      }),
      'scheduling.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey',
      'is required',
    ],
    [
      'Exists tolerations have no value',
      baseInput({
        scheduling: {
          tolerations: [{ key: 'k', operator: 'Exists', value: 'v' }],
        },
      }),
      'scheduling.tolerations[0].value',
      'must be empty when operator is Exists',
    ],
    [
      'keyless tolerations use Exists',
      baseInput({
        scheduling: { tolerations: [{ operator: 'Equal', value: 'v' }] },
      }),
      'scheduling.tolerations[0].operator',
      'must be Exists when key is empty',
    ],
    [
      'tolerationSeconds needs NoExecute',
      baseInput({
        scheduling: {
          tolerations: [
            {
              key: 'k',
              operator: 'Exists',
              effect: 'NoSchedule',
              tolerationSeconds: 30,
            },
          ],
        },
      }),
      'scheduling.tolerations[0].tolerationSeconds',
      'may only be set when effect is NoExecute',
    ],
    [
      'toleration effects are known',
      baseInput({
        scheduling: {
          tolerations: [
            { key: 'k', operator: 'Exists', effect: 'Evict' as never },
          ],
        },
      }),
      'scheduling.tolerations[0].effect',
      'must be one of: , NoSchedule, PreferNoSchedule, NoExecute',
    ],
    [
      'priority class names are DNS subdomains',
      baseInput({ scheduling: { priorityClassName: 'High' } }),
      'scheduling.priorityClassName',
      'must be a DNS-1123 subdomain',
    ],
    [
      'DNS policies are known',
      baseInput({ dns: { policy: 'merge' as never } }),
      'dns.policy',
      'must be one of: append, replace, inherit',
    ],
    [
      'replace needs a nameserver',
      baseInput({ dns: { policy: 'replace' } }),
      'dns.nameservers',
      'must list at least one nameserver when policy is replace',
    ],
    [
      'nameservers are IPs',
      baseInput({ dns: { nameservers: ['dns.example.com'] } }),
      'dns.nameservers[0]',
      'must be an IPv4 or IPv6 address',
    ],
    [
      'at most 3 nameservers',
      baseInput({
        dns: { nameservers: ['1.1.1.1', '1.0.0.1', '8.8.8.8', '8.8.4.4'] },
      }),
      'dns.nameservers',
      'must have at most 3 items',
    ],
    [
      'at most 32 search domains',
      baseInput({
        dns: {
          searches: Array.from({ length: 33 }, (_, i) => `d${i}.example.com`),
        },
      }),
      'dns.searches',
      'must have at most 32 items',
    ],
    [
      'search domains are domains',
      baseInput({ dns: { searches: ['Bad_Domain'] } }),
      'dns.searches[0]',
      'must be a DNS search domain',
    ],
    [
      'search domains total at most 2048 characters',
      baseInput({
        dns: {
          searches: Array.from(
            { length: 12 },
            (_, i) =>
              `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.x${i}`,
          ),
        },
      }),
      'dns.searches',
      'must total at most 2048 characters',
    ],
    [
      'ndots is at most 15',
      baseInput({ dns: { ndots: 16 } }),
      'dns.ndots',
      'must be at most 15',
    ],
    [
      'timeout is at least 1',
      baseInput({ dns: { timeout: 0 } }),
      'dns.timeout',
      'must be at least 1',
    ],
    [
      'metrics port is a port',
      baseInput({ metrics: { port: 0 } }),
      'metrics.port',
      'must be at least 1',
    ],
    [
      'metrics path starts with /',
      baseInput({ metrics: { port: 9100, path: 'metrics' } }),
      'metrics.path',
      "must start with '/'",
    ],
    [
      'metrics scheme is http or https',
      baseInput({ metrics: { port: 9100, scheme: 'tcp' as never } }),
      'metrics.scheme',
      'must be one of: http, https',
    ],
    [
      'instrumentation languages are known',
      baseInput({ instrumentation: { language: 'ruby' as never } }),
      'instrumentation.language',
      'must be one of: java, nodejs, python, dotnet, go',
    ],
    [
      'instrumentation references are names',
      baseInput({
        instrumentation: { language: 'java', instrumentation: 'a/b/c' },
      }),
      'instrumentation.instrumentation',
      'must name an Instrumentation resource',
    ],
    [
      'go needs the target executable',
      baseInput({ instrumentation: { language: 'go' } }),
      'instrumentation.goTargetExecutable',
      'is required when language is go',
    ],
    [
      'only go takes a target executable',
      baseInput({
        instrumentation: { language: 'java', goTargetExecutable: '/app' },
      }),
      'instrumentation.goTargetExecutable',
      'may only be set when language is go',
    ],
  ]);
});
