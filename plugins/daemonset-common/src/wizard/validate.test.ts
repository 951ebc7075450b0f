/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import { validateDaemonSetInput } from './validate';
import {
  baseInput,
  expectProblem,
  problemsOf,
  withContainer,
} from './testUtils';

const DNS1123 = 'must be a DNS-1123 label';
const DIGEST = `sha256:${'b'.repeat(64)}`;

type Case = [
  description: string,
  input: unknown,
  path: string,
  message: string,
];

function runCases(cases: Case[]): void {
  it.each(cases)('%s', (_description, input, path, message) => {
    expectProblem(input, path, message);
  });
}

describe('validateDaemonSetInput', () => {
  it('returns no problems for a valid input', () => {
    expect(validateDaemonSetInput(baseInput())).toEqual([]);
  });

  it('reports every problem at once, in input order', () => {
    const problems = problemsOf({
      name: 'Bad',
      namespace: 'Bad',
      containers: [],
    });
    expect(problems.map(p => p.path)).toEqual([
      'name',
      'namespace',
      'containers',
    ]);
  });

  it('rejects input that is not an object', () => {
    expect(problemsOf('nope')).toEqual([
      { path: '', message: 'must be an object (got string)' },
    ]);
  });
});

describe('schema rules: workload', () => {
  runCases([
    [
      'name is required',
      { containers: baseInput().containers },
      'name',
      'is required',
    ],
    [
      'name must be a DNS-1123 label',
      baseInput({ name: 'My_Agent' }),
      'name',
      DNS1123,
    ],
    [
      'name has at most 63 characters',
      baseInput({ name: 'a'.repeat(64) }),
      'name',
      'at most 63 characters',
    ],
    [
      'namespace must be a DNS-1123 label',
      baseInput({ namespace: 'kube.system' }),
      'namespace',
      DNS1123,
    ],
    [
      'cluster must not be empty',
      baseInput({ cluster: '' }),
      'cluster',
      'must not be empty',
    ],
    [
      'unknown fields are rejected',
      { ...baseInput(), replicas: 3 },
      'replicas',
      'is not a known field',
    ],
    [
      'timezoneSync is a boolean',
      baseInput({ timezoneSync: 'yes' as never }),
      'timezoneSync',
      'must be a boolean',
    ],
    [
      'label keys are qualified names',
      baseInput({ labels: { 'bad key': 'x' } }),
      'labels["bad key"]',
      'must be a qualified name',
    ],
    [
      'label values are label values',
      baseInput({ labels: { team: 'a b' } }),
      'labels.team',
      'must be a label value',
    ],
    [
      'annotation keys are qualified names',
      baseInput({ annotations: { '-x': 'y' } }),
      'annotations["-x"]',
      'must be a qualified name',
    ],
    [
      'at least one container (an empty list counts as none)',
      baseInput({ containers: [] }),
      'containers',
      'is required',
    ],
    [
      'imagePullSecrets are DNS subdomains',
      baseInput({ imagePullSecrets: ['Reg_Cred'] }),
      'imagePullSecrets[0]',
      'must be a DNS-1123 subdomain',
    ],
    [
      'minReadySeconds is not negative',
      baseInput({ minReadySeconds: -1 }),
      'minReadySeconds',
      'must be at least 0',
    ],
    [
      'terminationGracePeriodSeconds is an integer',
      baseInput({ terminationGracePeriodSeconds: 1.5 }),
      'terminationGracePeriodSeconds',
      'must be an integer',
    ],
    [
      'network attachments are references',
      baseInput({ networkAttachments: ['Bad Net'] }),
      'networkAttachments[0]',
      'must be a network attachment reference',
    ],
  ]);
});

describe('schema rules: containers', () => {
  runCases([
    [
      'container name is a DNS-1123 label',
      withContainer({ name: 'Agent' }),
      'containers[0].name',
      DNS1123,
    ],
    [
      'image is a reference',
      withContainer({ image: 'Ghcr.io/ACME/Agent' }),
      'containers[0].image',
      'must be an image reference',
    ],
    [
      'image is required',
      withContainer({ image: undefined }),
      'containers[0].image',
      'is required',
    ],
    [
      'tag is a tag',
      withContainer({ tag: '-latest' }),
      'containers[0].tag',
      'must be an image tag',
    ],
    [
      'imagePullPolicy is an enum',
      withContainer({ imagePullPolicy: 'Sometimes' as never }),
      'containers[0].imagePullPolicy',
      'must be one of: Always, IfNotPresent, Never',
    ],
    [
      'runAsUser is not negative',
      withContainer({ runAsUser: -1 }),
      'containers[0].runAsUser',
      'must be at least 0',
    ],
    [
      'quantities are well formed',
      withContainer({ resources: { limits: { cpu: 'two' } } }),
      'containers[0].resources.limits.cpu',
      'must be a non-negative Kubernetes quantity',
    ],
    [
      'quantities are not negative',
      withContainer({ resources: { requests: { memory: -1 } } }),
      'containers[0].resources.requests.memory',
      'must be at least 0',
    ],
    [
      'quantities are numbers or strings',
      withContainer({ resources: { requests: { cpu: true as never } } }),
      'containers[0].resources.requests.cpu',
      'must be a number or a Kubernetes quantity string',
    ],
    [
      'resource names are known or domain-prefixed',
      withContainer({ resources: { limits: { gpu: 1 } } }),
      'containers[0].resources.limits.gpu',
      'extended resource with a domain prefix',
    ],
    [
      'gpu count is a positive integer',
      withContainer({ gpu: { count: 0 } }),
      'containers[0].gpu.count',
      'must be at least 1',
    ],
    [
      'gpu count is whole',
      withContainer({ gpu: { count: 0.5 } }),
      'containers[0].gpu.count',
      'must be an integer',
    ],
    [
      'gpu model is a label value',
      withContainer({ gpu: { count: 1, model: 'A100 80GB' } }),
      'containers[0].gpu.model',
      'must be a label value',
    ],
    [
      'a lifecycle handler has no more than one action',
      withContainer({
        lifecycle: {
          postStart: { exec: { command: ['x'] }, httpGet: { port: 80 } },
        },
      }),
      'containers[0].lifecycle.postStart',
      'must set exactly one of exec, httpGet (got exec, httpGet)',
    ],
    [
      'an exec action has a command (an empty one with other fields set)',
      withContainer({
        livenessProbe: { exec: { command: [] }, periodSeconds: 5 },
      }),
      'containers[0].livenessProbe',
      'must set exactly one of httpGet, tcpSocket, exec, grpc',
    ],
    [
      'a probe has exactly one handler',
      withContainer({ livenessProbe: { periodSeconds: 5 } }),
      'containers[0].livenessProbe',
      'must set exactly one of httpGet, tcpSocket, exec, grpc',
    ],
    [
      'probe periods are at least 1',
      withContainer({
        readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 0 },
      }),
      'containers[0].readinessProbe.periodSeconds',
      'must be at least 1',
    ],
    [
      'probe delays are not negative',
      withContainer({
        startupProbe: { exec: { command: ['x'] }, initialDelaySeconds: -5 },
      }),
      'containers[0].startupProbe.initialDelaySeconds',
      'must be at least 0',
    ],
    [
      'httpGet paths start with /',
      withContainer({
        livenessProbe: { httpGet: { port: 80, path: 'healthz' } },
      }),
      'containers[0].livenessProbe.httpGet.path',
      "must start with '/'",
    ],
    [
      'probe ports are numbers or names',
      withContainer({ livenessProbe: { tcpSocket: { port: 70000 } } }),
      'containers[0].livenessProbe.tcpSocket.port',
      'must be at most 65535',
    ],
    [
      'header names are HTTP tokens',
      withContainer({
        livenessProbe: {
          httpGet: { port: 80, httpHeaders: [{ name: 'X Bad', value: '1' }] },
        },
      }),
      'containers[0].livenessProbe.httpGet.httpHeaders[0].name',
      'must be an HTTP header name',
    ],
    [
      'env names are C identifiers',
      withContainer({ env: [{ name: '1BAD', value: 'x' }] }),
      'containers[0].env[0].name',
      'must be a C identifier',
    ],
    [
      'env has a source',
      withContainer({ env: [{ name: 'A' }] }),
      'containers[0].env[0]',
      'must set exactly one of value, secretKeyRef, configMapKeyRef, fieldRef',
    ],
    [
      'env has exactly one source',
      withContainer({
        env: [{ name: 'A', value: 'x', secretKeyRef: { name: 's', key: 'k' } }],
      }),
      'containers[0].env[0]',
      'must set exactly one of value, secretKeyRef, configMapKeyRef, fieldRef (got value, secretKeyRef)',
    ],
    [
      'secret keys are config keys',
      withContainer({
        env: [{ name: 'A', secretKeyRef: { name: 's', key: 'a/b' } }],
      }),
      'containers[0].env[0].secretKeyRef.key',
      'must be a ConfigMap or Secret key',
    ],
    [
      'configMap names are DNS subdomains',
      withContainer({
        env: [{ name: 'A', configMapKeyRef: { name: 'My', key: 'k' } }],
      }),
      'containers[0].env[0].configMapKeyRef.name',
      'must be a DNS-1123 subdomain',
    ],
    [
      'fieldRef paths are supported pod fields',
      withContainer({
        env: [{ name: 'A', fieldRef: { fieldPath: 'spec.hostname' } }],
      }),
      'containers[0].env[0].fieldRef.fieldPath',
      'must be a supported pod field',
    ],
    [
      'containerPort is at least 1',
      withContainer({ ports: [{ containerPort: 0 }] }),
      'containers[0].ports[0].containerPort',
      'must be at least 1',
    ],
    [
      'containerPort is at most 65535',
      withContainer({ ports: [{ containerPort: 65536 }] }),
      'containers[0].ports[0].containerPort',
      'must be at most 65535',
    ],
    [
      'hostPort is a port',
      withContainer({ ports: [{ containerPort: 80, hostPort: -1 }] }),
      'containers[0].ports[0].hostPort',
      'must be at least 1',
    ],
    [
      'port names are IANA service names',
      withContainer({
        ports: [{ name: 'metrics-endpoint-1', containerPort: 80 }],
      }),
      'containers[0].ports[0].name',
      'must be an IANA service name',
    ],
    [
      'port names contain a letter',
      withContainer({ ports: [{ name: '8080', containerPort: 80 }] }),
      'containers[0].ports[0].name',
      'at least one letter',
    ],
    [
      'protocol is TCP, UDP or SCTP',
      withContainer({
        ports: [{ containerPort: 80, protocol: 'HTTP' as never }],
      }),
      'containers[0].ports[0].protocol',
      'must be one of: TCP, UDP, SCTP',
    ],
    [
      'mountPath is absolute',
      withContainer(
        { volumeMounts: [{ name: 'v', mountPath: 'data' }] },
        { volumes: [{ name: 'v', emptyDir: {} }] },
      ),
      'containers[0].volumeMounts[0].mountPath',
      'must be an absolute path',
    ],
    [
      'subPath does not climb',
      withContainer(
        { volumeMounts: [{ name: 'v', mountPath: '/d', subPath: '../etc' }] },
        { volumes: [{ name: 'v', emptyDir: {} }] },
      ),
      'containers[0].volumeMounts[0].subPath',
      "must be a relative path without '..'",
    ],
    [
      'log paths are absolute',
      withContainer({ logPaths: ['var/log'] }),
      'containers[0].logPaths[0]',
      'must be an absolute path',
    ],
  ]);
});

describe('schema rules: volumes', () => {
  runCases([
    [
      'volume names are DNS-1123 labels',
      baseInput({ volumes: [{ name: 'Data', emptyDir: {} }] }),
      'volumes[0].name',
      DNS1123,
    ],
    [
      'a volume has a source',
      baseInput({ volumes: [{ name: 'data' }] }),
      'volumes[0]',
      'must set exactly one of hostPath, emptyDir, configMap, secret, persistentVolumeClaim',
    ],
    [
      'a volume has one source',
      baseInput({
        volumes: [
          { name: 'data', emptyDir: {}, hostPath: { path: '/var/log' } },
        ],
      }),
      'volumes[0]',
      '(got hostPath, emptyDir)',
    ],
    [
      'hostPath paths do not climb',
      baseInput({
        volumes: [{ name: 'data', hostPath: { path: '/var/log/../../etc' } }],
      }),
      'volumes[0].hostPath.path',
      "without '..' segments",
    ],
    [
      'hostPath types are Kubernetes types',
      baseInput({
        volumes: [
          {
            name: 'data',
            hostPath: { path: '/var/log', type: 'Dir' as never },
          },
        ],
      }),
      'volumes[0].hostPath.type',
      'must be one of',
    ],
    [
      'emptyDir sizes are quantities',
      baseInput({
        volumes: [{ name: 'data', emptyDir: { sizeLimit: '1 GB' } }],
      }),
      'volumes[0].emptyDir.sizeLimit',
      'must be a non-negative Kubernetes quantity',
    ],
    [
      'configMap names are DNS subdomains',
      baseInput({ volumes: [{ name: 'c', configMap: { name: '_c' } }] }),
      'volumes[0].configMap.name',
      'must be a DNS-1123 subdomain',
    ],
    [
      'item paths are relative',
      baseInput({
        volumes: [
          {
            name: 'c',
            configMap: { name: 'c', items: [{ key: 'k', path: '/abs' }] },
          },
        ],
      }),
      'volumes[0].configMap.items[0].path',
      'must be a relative path',
    ],
    [
      'modes are at most 0777',
      baseInput({
        volumes: [
          { name: 's', secret: { secretName: 's', defaultMode: 0o1000 } },
        ],
      }),
      'volumes[0].secret.defaultMode',
      'must be at most 511',
    ],
    [
      'claim names are DNS subdomains',
      baseInput({
        volumes: [{ name: 'p', persistentVolumeClaim: { claimName: 'P' } }],
      }),
      'volumes[0].persistentVolumeClaim.claimName',
      'must be a DNS-1123 subdomain',
    ],
  ]);
});

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

describe('cross-field rules', () => {
  const twoContainers = (a: object, b: object, overrides: object = {}) =>
    baseInput({
      containers: [
        { name: 'a', image: 'nginx', ...a },
        { name: 'b', image: 'busybox', ...b },
      ],
      ...overrides,
    });
  const volume = { volumes: [{ name: 'data', emptyDir: {} }] };

  runCases([
    [
      'the app label is built in',
      baseInput({ labels: { app: 'agent' } }),
      'labels.app',
      'is built in (always the workload name "agent") and cannot be overridden',
    ],
    [
      'the kubernetes-id label is built in',
      baseInput({ labels: { 'backstage.io/kubernetes-id': 'x' } }),
      'labels["backstage.io/kubernetes-id"]',
      'cannot be overridden',
    ],
    [
      'annotations do not override description',
      baseInput({ description: 'd', annotations: { description: 'x' } }),
      'annotations.description',
      'is generated from description',
    ],
    [
      'annotations do not override the cluster',
      baseInput({
        cluster: 'c',
        annotations: { 'daemonsets.dev/cluster': 'x' },
      }),
      'annotations["daemonsets.dev/cluster"]',
      'is generated from cluster',
    ],
    [
      'annotations do not override metrics',
      baseInput({
        metrics: { port: 9100 },
        annotations: { 'prometheus.io/port': '1' },
      }),
      'annotations["prometheus.io/port"]',
      'is generated from metrics',
    ],
    [
      'annotations do not override networks',
      baseInput({
        networkAttachments: ['n'],
        annotations: { 'k8s.v1.cni.cncf.io/networks': 'x' },
      }),
      'annotations["k8s.v1.cni.cncf.io/networks"]',
      'is generated from networkAttachments',
    ],
    [
      'annotations do not override log paths',
      withContainer(
        { logPaths: ['/logs'] },
        { annotations: { 'daemonsets.dev/log-paths': '[]' } },
      ),
      'annotations["daemonsets.dev/log-paths"]',
      'is generated from containers[].logPaths',
    ],
    [
      'annotations do not override instrumentation',
      baseInput({
        instrumentation: { language: 'java' },
        annotations: {
          'instrumentation.opentelemetry.io/inject-java': 'false',
        },
      }),
      'annotations["instrumentation.opentelemetry.io/inject-java"]',
      'is generated from instrumentation',
    ],
    [
      'network attachments are unique',
      baseInput({ networkAttachments: ['a', 'a'] }),
      'networkAttachments[1]',
      'must be unique: network attachment "a" is already used at networkAttachments[0]',
    ],
    [
      'imagePullSecrets are unique',
      baseInput({ imagePullSecrets: ['r', 'r'] }),
      'imagePullSecrets[1]',
      'must be unique',
    ],
    [
      'container names are unique',
      twoContainers({}, { name: 'a' }),
      'containers[1].name',
      'must be unique: container name "a" is already used at containers[0].name',
    ],
    [
      'tag does not contradict the image tag',
      withContainer({ image: 'nginx:1.26', tag: '1.27' }),
      'containers[0].tag',
      'conflicts with the tag "1.26" already in image',
    ],
    [
      'tag does not go with a digest',
      withContainer({ image: `nginx@${DIGEST}`, tag: '1.27' }),
      'containers[0].tag',
      'conflicts with the digest in image',
    ],
    [
      'requests do not exceed limits (cpu)',
      withContainer({
        resources: { requests: { cpu: 2 }, limits: { cpu: '1500m' } },
      }),
      'containers[0].resources.requests.cpu',
      'must not exceed the limit',
    ],
    [
      'requests do not exceed limits (memory)',
      withContainer({
        resources: { requests: { memory: '1Gi' }, limits: { memory: 1e9 } },
      }),
      'containers[0].resources.requests.memory',
      'must not exceed the limit',
    ],
    [
      'extended resources are whole',
      withContainer({ resources: { limits: { 'nvidia.com/gpu': 0.5 } } }),
      'containers[0].resources.limits["nvidia.com/gpu"]',
      'must be a whole number',
    ],
    [
      'extended requests need limits',
      withContainer({
        resources: { requests: { 'huawei.com/ascend-310': 1 } },
      }),
      'containers[0].resources.requests["huawei.com/ascend-310"]',
      'must also be set in limits',
    ],
    [
      'extended requests equal limits',
      withContainer({
        resources: {
          requests: { 'huawei.com/ascend-310': 1 },
          limits: { 'huawei.com/ascend-310': 2 },
        },
      }),
      'containers[0].resources.requests["huawei.com/ascend-310"]',
      'must equal the limit (2)',
    ],
    [
      'gpu and nvidia.com/gpu are not both set',
      withContainer({
        gpu: { count: 1 },
        resources: { limits: { 'nvidia.com/gpu': 1 } },
      }),
      'containers[0].gpu',
      'set the GPU count in one place',
    ],
    [
      'gpu models agree across containers',
      twoContainers(
        { gpu: { count: 1, model: 'A100' } },
        { gpu: { count: 1, model: 'T4' } },
      ),
      'containers[1].gpu.model',
      'conflicts with containers[0].gpu.model ("A100")',
    ],
    [
      'gpu model agrees with the node selector',
      withContainer(
        { gpu: { count: 1, model: 'A100' } },
        { scheduling: { nodeSelector: { 'nvidia.com/gpu.product': 'T4' } } },
      ),
      'containers[0].gpu.model',
      'conflicts with scheduling.nodeSelector',
    ],
    [
      'env names are unique',
      withContainer({
        env: [
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ],
      }),
      'containers[0].env[1].name',
      'must be unique: variable "A"',
    ],
    [
      'mounts name declared volumes',
      withContainer({
        volumeMounts: [{ name: 'missing', mountPath: '/data' }],
      }),
      'containers[0].volumeMounts[0].name',
      'must name a volume declared in volumes[]',
    ],
    [
      'mount paths are unique',
      withContainer(
        {
          volumeMounts: [
            { name: 'data', mountPath: '/data' },
            { name: 'data', mountPath: '/data/' },
          ],
        },
        volume,
      ),
      'containers[0].volumeMounts[1].mountPath',
      'must be unique within the container: /data is already mounted by containers[0].volumeMounts[0].mountPath',
    ],
    [
      'log paths do not clash with mounts',
      withContainer(
        {
          volumeMounts: [{ name: 'data', mountPath: '/logs' }],
          logPaths: ['/logs'],
        },
        volume,
      ),
      'containers[0].logPaths[0]',
      'must be unique within the container',
    ],
    [
      'mounts do not clash with timezone sync',
      withContainer(
        { volumeMounts: [{ name: 'data', mountPath: '/etc/localtime' }] },
        { ...volume, timezoneSync: true },
      ),
      'containers[0].volumeMounts[0].mountPath',
      'is already mounted by timezoneSync',
    ],
    [
      'probe port names are declared',
      withContainer({ livenessProbe: { httpGet: { port: 'http' } } }),
      'containers[0].livenessProbe.httpGet.port',
      "must name a port declared in this container's ports[]",
    ],
    [
      'tcp probe port names are declared',
      withContainer({ readinessProbe: { tcpSocket: { port: 'grpc' } } }),
      'containers[0].readinessProbe.tcpSocket.port',
      'must name a port declared',
    ],
    [
      'lifecycle port names are declared',
      withContainer({ lifecycle: { preStop: { httpGet: { port: 'admin' } } } }),
      'containers[0].lifecycle.preStop.httpGet.port',
      'must name a port declared',
    ],
    [
      'liveness successThreshold is 1',
      withContainer({
        livenessProbe: { exec: { command: ['x'] }, successThreshold: 2 },
      }),
      'containers[0].livenessProbe.successThreshold',
      'must be 1 for liveness and startup probes',
    ],
    [
      'startup successThreshold is 1',
      withContainer({
        startupProbe: { exec: { command: ['x'] }, successThreshold: 3 },
      }),
      'containers[0].startupProbe.successThreshold',
      'must be 1',
    ],
    [
      'hostPort equals containerPort on the host network',
      withContainer(
        { ports: [{ containerPort: 80, hostPort: 8080 }] },
        { hostNetwork: true },
      ),
      'containers[0].ports[0].hostPort',
      'must equal containerPort when hostNetwork is true',
    ],
    [
      'port names are unique in the pod',
      twoContainers(
        { ports: [{ name: 'http', containerPort: 80 }] },
        { ports: [{ name: 'http', containerPort: 81 }] },
      ),
      'containers[1].ports[0].name',
      'must be unique: port name "http"',
    ],
    [
      'container ports are unique in the pod',
      twoContainers(
        { ports: [{ containerPort: 80 }] },
        { ports: [{ containerPort: 80, protocol: 'TCP' }] },
      ),
      'containers[1].ports[0].containerPort',
      'must be unique: port "80/TCP"',
    ],
    [
      'host ports are unique in the pod',
      twoContainers(
        { ports: [{ containerPort: 80, hostPort: 9000 }] },
        { ports: [{ containerPort: 81, hostPort: 9000 }] },
      ),
      'containers[1].ports[0].hostPort',
      'must be unique: host port "9000/TCP"',
    ],
    [
      'volume names are unique',
      baseInput({
        volumes: [
          { name: 'v', emptyDir: {} },
          { name: 'v', emptyDir: {} },
        ],
      }),
      'volumes[1].name',
      'must be unique: volume name "v"',
    ],
    [
      'the timezone volume name is reserved',
      baseInput({
        timezoneSync: true,
        volumes: [{ name: 'host-localtime', emptyDir: {} }],
      }),
      'volumes[0].name',
      'is reserved: the generator adds a volume "host-localtime" for timezoneSync',
    ],
    [
      'log volume names are reserved',
      withContainer(
        { logPaths: ['/logs'] },
        { volumes: [{ name: 'log-path-0', emptyDir: {} }] },
      ),
      'volumes[0].name',
      'is reserved',
    ],
    [
      'instrumented containers exist',
      baseInput({
        instrumentation: { language: 'java', containerNames: ['app'] },
      }),
      'instrumentation.containerNames[0]',
      'must name a container of the pod',
    ],
    [
      'service names are unique',
      baseInput({
        services: [
          { name: 's', ports: [{ port: 80 }] },
          { name: 's', ports: [{ port: 81 }] },
        ],
      }),
      'services[1].name',
      'must be unique: service name "s"',
    ],
    [
      'multi-port services name their ports',
      baseInput({
        services: [
          { name: 's', ports: [{ name: 'a', port: 80 }, { port: 81 }] },
        ],
      }),
      'services[0].ports[1].name',
      'is required when a service has more than one port',
    ],
    [
      'service port names are unique',
      baseInput({
        services: [
          {
            name: 's',
            ports: [
              { name: 'a', port: 80 },
              { name: 'a', port: 81 },
            ],
          },
        ],
      }),
      'services[0].ports[1].name',
      'must be unique: port name "a"',
    ],
    [
      'service ports are unique',
      baseInput({
        services: [
          {
            name: 's',
            ports: [
              { name: 'a', port: 80 },
              { name: 'b', port: 80 },
            ],
          },
        ],
      }),
      'services[0].ports[1].port',
      'must be unique: port "80/TCP"',
    ],
    [
      'nodePort needs NodePort or LoadBalancer',
      baseInput({
        services: [{ name: 's', ports: [{ port: 80, nodePort: 30080 }] }],
      }),
      'services[0].ports[0].nodePort',
      'may only be set for NodePort and LoadBalancer services (type is ClusterIP)',
    ],
    [
      'headless services take no nodePort',
      baseInput({
        services: [
          {
            name: 's',
            type: 'Headless',
            ports: [{ port: 80, nodePort: 30080 }],
          },
        ],
      }),
      'services[0].ports[0].nodePort',
      '(type is Headless)',
    ],
    [
      'nodePorts are unique',
      baseInput({
        services: [
          {
            name: 'a',
            type: 'NodePort',
            ports: [{ port: 80, nodePort: 30080 }],
          },
          {
            name: 'b',
            type: 'LoadBalancer',
            ports: [{ port: 81, nodePort: 30080 }],
          },
        ],
      }),
      'services[1].ports[0].nodePort',
      'must be unique: node port "30080/TCP"',
    ],
    [
      'named targetPorts exist',
      withContainer(
        { ports: [{ name: 'http', containerPort: 80 }] },
        {
          services: [{ name: 's', ports: [{ port: 80, targetPort: 'https' }] }],
        },
      ),
      'services[0].ports[0].targetPort',
      'must name a declared container port; "https" is not declared (http)',
    ],
    [
      'OnDelete takes no maxUnavailable',
      baseInput({ updateStrategy: { type: 'OnDelete', maxUnavailable: 1 } }),
      'updateStrategy.maxUnavailable',
      'may only be set when type is RollingUpdate',
    ],
    [
      'OnDelete takes no maxSurge',
      baseInput({ updateStrategy: { type: 'OnDelete', maxSurge: 1 } }),
      'updateStrategy.maxSurge',
      'may only be set when type is RollingUpdate',
    ],
    [
      'maxUnavailable and maxSurge are not both 0',
      baseInput({ updateStrategy: { maxUnavailable: 0, maxSurge: '0%' } }),
      'updateStrategy.maxUnavailable',
      'maxUnavailable and maxSurge cannot both be 0',
    ],
    [
      'maxUnavailable 0 needs a surge',
      baseInput({ updateStrategy: { maxUnavailable: '0%' } }),
      'updateStrategy.maxUnavailable',
      'cannot both be 0',
    ],
  ]);

  it('accepts maxUnavailable 0 with a surge, and an image carrying the same tag', () => {
    expect(
      validateDaemonSetInput(
        baseInput({ updateStrategy: { maxUnavailable: 0, maxSurge: 1 } }),
      ),
    ).toEqual([]);
    expect(
      validateDaemonSetInput(
        withContainer({ image: 'nginx:1.27', tag: '1.27' }),
      ),
    ).toEqual([]);
  });

  it('accepts requests equal to limits and extended requests equal to limits', () => {
    expect(
      validateDaemonSetInput(
        withContainer({
          resources: {
            requests: {
              cpu: '500m',
              memory: '1Gi',
              'huawei.com/ascend-310': 1,
            },
            limits: {
              cpu: 0.5,
              memory: 1073741824,
              'huawei.com/ascend-310': '1',
            },
          },
        }),
      ),
    ).toEqual([]);
  });
});
