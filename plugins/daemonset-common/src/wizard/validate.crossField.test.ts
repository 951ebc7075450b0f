/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import {
  baseInput,
  Case,
  DIGEST,
  expectProblem,
  withContainer,
} from './testUtils';

function runCases(cases: Case[]): void {
  it.each(cases)('%s', (_description, input, path, message) => {
    expectProblem(input, path, message);
  });
}

describe('cross-field rules: metadata and containers', () => {
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
  ]);
});
