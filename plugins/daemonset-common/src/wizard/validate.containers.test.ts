/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectProblem"] }] */
import {
  baseInput,
  Case,
  DNS1123,
  expectProblem,
  withContainer,
} from './testUtils';

function runCases(cases: Case[]): void {
  it.each(cases)('%s', (_description, input, path, message) => {
    expectProblem(input, path, message);
  });
}

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
